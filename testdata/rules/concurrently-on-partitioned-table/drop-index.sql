CREATE TABLE measurements (id bigint, taken_at date) PARTITION BY RANGE (taken_at);
CREATE INDEX measurements_taken_at_idx ON measurements (taken_at);
-- expect: concurrently-on-partitioned-table "DROP INDEX CONCURRENTLY of measurements_taken_at_idx on partitioned table measurements fails"
DROP INDEX CONCURRENTLY IF EXISTS measurements_taken_at_idx;
