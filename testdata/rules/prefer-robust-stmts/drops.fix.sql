-- phase 1: contract
SET lock_timeout = '2s';
DROP TABLE IF EXISTS legacy_users;
-- phase 1: contract (outside a transaction)
SET lock_timeout = '2s';
DROP INDEX CONCURRENTLY IF EXISTS users_old_idx;
-- phase 1: contract
SET lock_timeout = '2s';
DROP MATERIALIZED VIEW IF EXISTS totals, public.subtotals;
-- phase 1: contract
SET lock_timeout = '2s';
DROP TRIGGER IF EXISTS users_audit ON users;
