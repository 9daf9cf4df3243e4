-- phase 1: switch (outside a transaction)
SET lock_timeout = '2s';
ALTER TABLE users ADD COLUMN zone text;
