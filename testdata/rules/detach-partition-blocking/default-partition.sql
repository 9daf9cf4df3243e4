-- With a DEFAULT partition PostgreSQL refuses DETACH ... CONCURRENTLY: reported without a fix.
CREATE TABLE events (id bigint, kind text) PARTITION BY LIST (kind);
CREATE TABLE events_other PARTITION OF events DEFAULT;
INSERT INTO events SELECT id, kind FROM legacy_events;
CREATE TABLE events_click PARTITION OF events FOR VALUES IN ('click');
-- expect: detach-partition-blocking "DETACH PARTITION events_click"
ALTER TABLE events DETACH PARTITION events_click;
