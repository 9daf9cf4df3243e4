-- A validated CHECK that implies the bound, key IS NOT NULL included: no scan (measured).
ALTER TABLE measurements_2021 ADD CONSTRAINT bound CHECK (taken_at IS NOT NULL AND taken_at >= '2021-01-01' AND taken_at < '2022-01-01') NOT VALID;
ALTER TABLE measurements_2021 VALIDATE CONSTRAINT bound;
ALTER TABLE measurements ATTACH PARTITION measurements_2021 FOR VALUES FROM ('2021-01-01') TO ('2022-01-01');

-- The key declared NOT NULL counts as well, and MAXVALUE needs no upper comparison.
ALTER TABLE measurements_new ALTER COLUMN taken_at SET NOT NULL;
ALTER TABLE measurements_new ADD CONSTRAINT recent CHECK ('2022-01-01' <= taken_at);
ALTER TABLE measurements ATTACH PARTITION measurements_new FOR VALUES FROM ('2022-01-01') TO (MAXVALUE);

-- A list bound, proven by IN.
ALTER TABLE events_click ADD CONSTRAINT click_only CHECK (kind IS NOT NULL AND kind IN ('click'));
ALTER TABLE events ATTACH PARTITION events_click FOR VALUES IN ('click', 'tap');

-- A table created earlier in the same migration is empty.
CREATE TABLE measurements_2023 (LIKE measurements INCLUDING ALL);
ALTER TABLE measurements ATTACH PARTITION measurements_2023 FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
