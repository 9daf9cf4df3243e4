BEGIN;
ALTER TABLE users DROP COLUMN legacy;
-- A second strong lock on the same table is no new risk.
ALTER TABLE users DROP COLUMN legacy2;
-- expect: lock-order "lock on app.orders while it holds one on users"
ALTER TABLE app.orders DROP COLUMN legacy;
COMMIT;
BEGIN;
ALTER TABLE invoices DROP COLUMN legacy;
COMMIT;
BEGIN;
CREATE TABLE drafts (id bigint);
ALTER TABLE invoices DROP COLUMN legacy3;
ALTER TABLE drafts ADD COLUMN body text;
COMMIT;
