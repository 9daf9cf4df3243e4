-- The DEFAULT partition is locked and scanned whatever CHECK exists (measured).
CREATE TABLE events (id bigint, kind text) PARTITION BY LIST (kind);
CREATE TABLE events_other PARTITION OF events DEFAULT;
INSERT INTO events SELECT id, kind FROM legacy_events;
CREATE TABLE events_click (LIKE events INCLUDING ALL);
-- expect: attach-partition-scan "scans the DEFAULT partition events_other under ACCESS EXCLUSIVE lock"
ALTER TABLE events ATTACH PARTITION events_click FOR VALUES IN ('click');
