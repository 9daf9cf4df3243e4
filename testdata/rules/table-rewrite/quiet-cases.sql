-- Forms another rule reports.
ALTER TABLE events ALTER COLUMN id TYPE bigint;
ALTER TABLE events ADD COLUMN seq bigserial;
ALTER TABLE events ADD COLUMN token uuid DEFAULT gen_random_uuid();
ALTER TABLE events ADD COLUMN cents bigint GENERATED ALWAYS AS (amount * 100) STORED;
TRUNCATE events;
REINDEX TABLE events;
REFRESH MATERIALIZED VIEW event_totals;
-- No rewrite at all.
ALTER TABLE events SET (fillfactor = 90);
VACUUM events;
ALTER TABLE events CLUSTER ON events_created_at_idx;
-- Tables created earlier in the same migration.
CREATE TABLE scratch (id bigint);
ALTER TABLE scratch SET UNLOGGED;
CLUSTER scratch USING scratch_pkey;
VACUUM FULL scratch;
