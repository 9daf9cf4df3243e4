-- migrate:up
-- expect: concurrently-in-transaction "dbmate"
CREATE INDEX CONCURRENTLY users_email_idx ON users (email);

-- migrate:down
DROP INDEX users_email_idx;
