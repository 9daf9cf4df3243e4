-- Tables not known to be partitioned.
CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
DROP INDEX CONCURRENTLY users_email_idx;
CREATE TABLE logs (id bigint, at timestamptz);
CREATE INDEX CONCURRENTLY logs_at_idx ON logs (at);
-- The recommended sequence on a partitioned table.
CREATE TABLE measurements (id bigint, taken_at date) PARTITION BY RANGE (taken_at);
CREATE INDEX measurements_taken_at_idx ON ONLY measurements (taken_at);
CREATE TABLE measurements_2024 (LIKE measurements INCLUDING ALL);
CREATE INDEX CONCURRENTLY measurements_2024_taken_at_idx ON measurements_2024 (taken_at);
ALTER INDEX measurements_taken_at_idx ATTACH PARTITION measurements_2024_taken_at_idx;
