CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_login_key ON users (lower(login));
DROP INDEX CONCURRENTLY IF EXISTS users_old_idx;
