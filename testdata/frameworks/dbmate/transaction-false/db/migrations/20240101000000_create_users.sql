-- migrate:up
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, name text);
-- A table created in the same up section is new: a plain CREATE INDEX is fine.
CREATE INDEX users_name_idx ON users (name);

-- migrate:down
DROP TABLE users;
