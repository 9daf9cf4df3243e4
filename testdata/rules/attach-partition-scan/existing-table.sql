-- expect: attach-partition-scan "ATTACH PARTITION measurements_2021 to measurements scans measurements_2021 under ACCESS EXCLUSIVE lock, blocking reads and writes on it"
ALTER TABLE measurements ATTACH PARTITION measurements_2021 FOR VALUES FROM ('2021-01-01') TO ('2022-01-01');

-- The parent's key is known from the migration: the fix writes the CHECK that proves the bound.
CREATE TABLE readings (id bigint, sensor integer, value numeric) PARTITION BY RANGE (sensor);
-- expect: attach-partition-scan "app.readings_low"
ALTER TABLE readings ATTACH PARTITION app.readings_low FOR VALUES FROM (MINVALUE) TO (-100);
CREATE TABLE events (id bigint, kind text) PARTITION BY LIST (kind);
-- expect: attach-partition-scan "events_click"
ALTER TABLE IF EXISTS ONLY events ATTACH PARTITION events_click FOR VALUES IN ('click', 'tap');
