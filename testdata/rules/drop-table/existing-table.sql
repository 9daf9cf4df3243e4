-- expect: drop-table "deletes its data"
DROP TABLE legacy_sessions;
-- expect: drop-table "app.audit"
-- expect: drop-table "old_logs"
DROP TABLE IF EXISTS app.audit, old_logs CASCADE;
CREATE TABLE scratch (id bigint);
DROP TABLE scratch;
DROP VIEW active_users;
DROP INDEX CONCURRENTLY IF EXISTS users_old_idx;
