-- phase 1: contract
DROP TABLE IF EXISTS legacy_users;
-- phase 1: contract (outside a transaction)
DROP INDEX CONCURRENTLY IF EXISTS users_old_idx;
-- phase 1: contract
DROP MATERIALIZED VIEW IF EXISTS totals, public.subtotals;
-- phase 1: contract
DROP TRIGGER IF EXISTS users_audit ON users;
