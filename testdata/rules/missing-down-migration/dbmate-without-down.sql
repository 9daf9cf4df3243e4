-- migrate:up
-- expect: missing-down-migration "dbmate"
CREATE TABLE users (id bigint PRIMARY KEY);
CREATE INDEX users_id_idx ON users (id);
