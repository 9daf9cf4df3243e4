-- Without key IS NOT NULL the range CHECK proves nothing (measured).
ALTER TABLE measurements_2021 ADD CONSTRAINT bound CHECK (taken_at >= '2021-01-01' AND taken_at < '2022-01-01');
-- expect: attach-partition-scan "no validated CHECK"
ALTER TABLE measurements ATTACH PARTITION measurements_2021 FOR VALUES FROM ('2021-01-01') TO ('2022-01-01');

-- NOT VALID proves nothing yet.
ALTER TABLE measurements_2022 ADD CONSTRAINT bound CHECK (taken_at IS NOT NULL AND taken_at >= '2022-01-01' AND taken_at < '2023-01-01') NOT VALID;
-- expect: attach-partition-scan "measurements_2022"
ALTER TABLE measurements ATTACH PARTITION measurements_2022 FOR VALUES FROM ('2022-01-01') TO ('2023-01-01');

-- A different range.
ALTER TABLE measurements_2024 ADD CONSTRAINT bound CHECK (taken_at IS NOT NULL AND taken_at >= '2024-01-01' AND taken_at < '2024-07-01');
-- expect: attach-partition-scan "measurements_2024"
ALTER TABLE measurements ATTACH PARTITION measurements_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
