-- phase 1: validate (own migration, outside a transaction)
SET lock_timeout = '2s';
ALTER TABLE app.readings_low ADD CONSTRAINT readings_low_partition_bound CHECK (sensor IS NOT NULL AND sensor < -100) NOT VALID;
ALTER TABLE app.readings_low VALIDATE CONSTRAINT readings_low_partition_bound;
ALTER TABLE readings ATTACH PARTITION app.readings_low FOR VALUES FROM (MINVALUE) TO (-100);
ALTER TABLE app.readings_low DROP CONSTRAINT readings_low_partition_bound;
-- before the next phase: build the parent's indexes on app.readings_low first with CREATE INDEX CONCURRENTLY, or the attach builds them under its lock
-- phase 1: validate (own migration, outside a transaction)
SET lock_timeout = '2s';
ALTER TABLE events_click ADD CONSTRAINT events_click_partition_bound CHECK (kind IS NOT NULL AND kind IN ('click', 'tap')) NOT VALID;
ALTER TABLE events_click VALIDATE CONSTRAINT events_click_partition_bound;
ALTER TABLE events ATTACH PARTITION events_click FOR VALUES IN ('click', 'tap');
ALTER TABLE events_click DROP CONSTRAINT events_click_partition_bound;
-- before the next phase: build the parent's indexes on events_click first with CREATE INDEX CONCURRENTLY, or the attach builds them under its lock
