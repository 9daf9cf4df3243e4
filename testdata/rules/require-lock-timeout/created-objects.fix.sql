-- phase 1: switch (outside a transaction)
SET lock_timeout = '2s';
CREATE OR REPLACE VIEW reports AS SELECT 1 AS id;
