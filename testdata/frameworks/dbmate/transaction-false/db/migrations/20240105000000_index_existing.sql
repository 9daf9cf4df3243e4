-- migrate:up
-- users was created by an earlier migration: it is an existing table here.
-- expect: require-concurrent-index-creation
CREATE INDEX users_email_name_idx ON users (email, name);

-- migrate:down
DROP INDEX users_email_name_idx;
