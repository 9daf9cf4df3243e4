CREATE TABLE "Events" (id bigint, kind text) PARTITION BY LIST (kind);
-- expect: concurrently-on-partitioned-table "partitioned table Events"
CREATE INDEX CONCURRENTLY IF NOT EXISTS events_kind_idx ON "Events" (kind);
