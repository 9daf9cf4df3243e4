BEGIN;
CREATE TABLE users (id bigint PRIMARY KEY);
CREATE INDEX users_id_idx ON users (id);
ALTER TABLE users ADD COLUMN nickname text;
DROP TABLE legacy_users;
COMMIT;
