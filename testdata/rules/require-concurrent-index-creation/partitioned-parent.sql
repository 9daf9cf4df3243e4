-- migsafe-test: --schema=context/events.sql
-- A partitioned parent refuses CONCURRENTLY (concurrently-on-partitioned-table's plan applies).
CREATE INDEX events_tenant_idx ON events (tenant_id);
-- Its partitions are plain tables.
-- expect: require-concurrent-index-creation "CREATE INDEX on existing table events_0"
CREATE INDEX events_0_tenant_idx ON events_0 (tenant_id);
