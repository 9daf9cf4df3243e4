-- An index of a partitioned table cannot be dropped concurrently: reported without a fix.
CREATE TABLE measurements (id bigint, taken_at date) PARTITION BY RANGE (taken_at);
INSERT INTO measurements SELECT id, taken_at FROM old_measurements;
CREATE INDEX measurements_taken_at_idx ON measurements (taken_at);
-- expect: require-concurrent-index-deletion "measurements_taken_at_idx"
DROP INDEX measurements_taken_at_idx;
