ALTER TABLE measurements DETACH PARTITION measurements_2020 CONCURRENTLY;
ALTER TABLE measurements DETACH PARTITION measurements_2019 FINALIZE;
-- A partitioned table created earlier in the same migration.
CREATE TABLE readings (id bigint, taken_at date) PARTITION BY RANGE (taken_at);
CREATE TABLE readings_2020 PARTITION OF readings FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
ALTER TABLE readings DETACH PARTITION readings_2020;
