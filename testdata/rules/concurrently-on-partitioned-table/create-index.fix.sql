-- phase 1: expand
SET lock_timeout = '2s';
CREATE INDEX IF NOT EXISTS measurements_sensor_idx ON ONLY measurements USING btree (sensor) WHERE sensor > 0;
-- phase 2: expand (own migration, outside a transaction)
CREATE INDEX CONCURRENTLY IF NOT EXISTS measurements_2023_sensor_idx ON measurements_2023 USING btree (sensor) WHERE sensor > 0;
CREATE INDEX CONCURRENTLY IF NOT EXISTS measurements_2024_sensor_idx ON app.measurements_2024 USING btree (sensor) WHERE sensor > 0;
-- phase 3: switch (own migration)
SET lock_timeout = '2s';
ALTER INDEX measurements_sensor_idx ATTACH PARTITION measurements_2023_sensor_idx;
ALTER INDEX measurements_sensor_idx ATTACH PARTITION app.measurements_2024_sensor_idx;
-- phase 1: expand
SET lock_timeout = '2s';
CREATE UNIQUE INDEX IF NOT EXISTS measurements_id_taken_at_idx ON ONLY measurements (id, taken_at);
-- phase 2: expand (own migration, outside a transaction)
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS measurements_2023_id_taken_at_idx ON measurements_2023 (id, taken_at);
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS measurements_2024_id_taken_at_idx ON app.measurements_2024 (id, taken_at);
-- phase 3: switch (own migration)
SET lock_timeout = '2s';
ALTER INDEX measurements_id_taken_at_idx ATTACH PARTITION measurements_2023_id_taken_at_idx;
ALTER INDEX measurements_id_taken_at_idx ATTACH PARTITION app.measurements_2024_id_taken_at_idx;
