-- phase 1: expand (own migration, outside a transaction)
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email);
-- before the next phase: none; if the build fails, drop the INVALID index it leaves and run it again
-- phase 1: expand (own migration, outside a transaction)
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_name_idx ON users (name);
-- before the next phase: none; if the build fails, drop the INVALID index it leaves and run it again
