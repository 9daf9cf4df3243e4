-- migsafe-test: --assume-in-transaction
-- expect: concurrently-in-transaction "runner"
CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
-- expect: concurrently-in-transaction
DROP INDEX CONCURRENTLY users_old_idx;
-- expect: concurrently-in-transaction
REINDEX INDEX CONCURRENTLY users_email_idx;
-- expect: concurrently-in-transaction
ALTER TABLE measurements DETACH PARTITION measurements_2020 CONCURRENTLY;
-- expect: concurrently-in-transaction
VACUUM FULL users;
CREATE INDEX users_plain_idx ON users (plain);
