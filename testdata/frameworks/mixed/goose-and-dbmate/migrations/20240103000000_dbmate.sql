-- migrate:up
CREATE TABLE c (id bigint PRIMARY KEY);
-- migrate:down
DROP TABLE c;
