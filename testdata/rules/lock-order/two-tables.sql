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
-- A view created by the migration is locked by nobody else.
BEGIN;
ALTER TABLE accounts ADD COLUMN region text;
CREATE VIEW account_regions AS SELECT id, region FROM accounts;
CREATE MATERIALIZED VIEW account_counts AS SELECT region, count(*) FROM accounts GROUP BY region;
COMMIT;
