CREATE TABLE measurements (id bigint, taken_at date, sensor integer) PARTITION BY RANGE (taken_at);
CREATE TABLE measurements_2023 PARTITION OF measurements FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
CREATE TABLE app.measurements_2024 (LIKE measurements INCLUDING ALL);
ALTER TABLE measurements ATTACH PARTITION app.measurements_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
-- expect: concurrently-on-partitioned-table "CREATE INDEX CONCURRENTLY on partitioned table measurements fails"
CREATE INDEX CONCURRENTLY measurements_sensor_idx ON measurements USING btree (sensor) WHERE sensor > 0;
-- expect: concurrently-on-partitioned-table
CREATE UNIQUE INDEX CONCURRENTLY ON measurements (id, taken_at);
