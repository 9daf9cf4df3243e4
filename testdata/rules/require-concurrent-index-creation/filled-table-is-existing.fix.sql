-- phase 1: expand (own migration, outside a transaction)
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_copy_email_idx ON users_copy (email);
-- before the next phase: none; if the build fails, drop the INVALID index it leaves and run it again
