-- migsafe-test: --schema=context/measurements.sql
-- The partition key is known only from the schema: the fix still writes the CHECK
-- that proves the bound before the attach.
-- expect: attach-partition-scan "ATTACH PARTITION measurements_2021 to measurements scans measurements_2021"
ALTER TABLE measurements ATTACH PARTITION measurements_2021 FOR VALUES FROM ('2021-01-01') TO ('2022-01-01');
