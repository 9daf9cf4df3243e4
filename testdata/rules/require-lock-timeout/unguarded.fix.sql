-- phase 1: switch (outside a transaction)
SET lock_timeout = '2s';
ALTER TABLE users ADD COLUMN plan text;
-- phase 1: switch (outside a transaction)
SET lock_timeout = '2s';
CREATE INDEX orders_note_idx ON app.orders (note);
