CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
DROP INDEX CONCURRENTLY IF EXISTS users_old_idx;
REINDEX TABLE CONCURRENTLY users;
VACUUM users;
BEGIN;
CREATE INDEX users_name_idx ON users (name);
COMMIT;
ALTER TYPE mood ADD VALUE 'ecstatic';
