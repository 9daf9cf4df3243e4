-- phase 1: expand (own migration, outside a transaction)
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email);
-- before the next phase: none; if the build fails, drop the INVALID index it leaves and run it again
-- phase 1: expand (own migration, outside a transaction)
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_login_key ON users (lower(login));
-- before the next phase: none; if the build fails, drop the INVALID index it leaves and run it again
-- phase 1: expand (own migration, outside a transaction)
CREATE INDEX CONCURRENTLY ON app.accounts (created_at) WHERE deleted_at IS NULL;
-- before the next phase: none; if the build fails, drop the INVALID index it leaves and run it again
-- phase 1: expand (own migration, outside a transaction)
CREATE INDEX CONCURRENTLY IF NOT EXISTS "Weird Name" ON "Mixed Case" ("Col");
-- before the next phase: none; if the build fails, drop the INVALID index it leaves and run it again
-- phase 1: expand (own migration, outside a transaction)
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_name_idx ON ONLY users USING btree (name);
-- before the next phase: none; if the build fails, drop the INVALID index it leaves and run it again
