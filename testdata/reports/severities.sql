-- migsafe-test: --enable require-concurrent-index-creation --enable drop-column --enable prefer-jsonb
-- One finding of each severity: error, warning and hint.
CREATE INDEX users_email_idx ON users (email);
ALTER TABLE users DROP COLUMN legacy;
CREATE TABLE events (id bigint PRIMARY KEY, payload json);
