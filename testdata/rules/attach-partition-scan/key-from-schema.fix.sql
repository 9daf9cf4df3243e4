-- phase 1: validate (own migration, outside a transaction)
SET lock_timeout = '2s';
ALTER TABLE measurements_2021 ADD CONSTRAINT measurements_2021_partition_bound CHECK (taken_on IS NOT NULL AND taken_on >= '2021-01-01' AND taken_on < '2022-01-01') NOT VALID;
ALTER TABLE measurements_2021 VALIDATE CONSTRAINT measurements_2021_partition_bound;
ALTER TABLE measurements ATTACH PARTITION measurements_2021 FOR VALUES FROM ('2021-01-01') TO ('2022-01-01');
ALTER TABLE measurements_2021 DROP CONSTRAINT measurements_2021_partition_bound;
-- before the next phase: build the parent's indexes on measurements_2021 first with CREATE INDEX CONCURRENTLY, or the attach builds them under its lock
