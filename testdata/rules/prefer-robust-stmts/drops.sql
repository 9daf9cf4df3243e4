-- expect: prefer-robust-stmts "DROP TABLE legacy_users"
DROP TABLE legacy_users;
DROP TABLE IF EXISTS legacy_orders;
-- expect: prefer-robust-stmts "DROP INDEX users_old_idx"
DROP INDEX CONCURRENTLY users_old_idx;
-- expect: prefer-robust-stmts "DROP MATERIALIZED VIEW totals, public.subtotals"
DROP MATERIALIZED VIEW totals, public.subtotals;
-- expect: prefer-robust-stmts "DROP TRIGGER users_audit ON users"
DROP TRIGGER users_audit ON users;
DROP FUNCTION IF EXISTS audit();
