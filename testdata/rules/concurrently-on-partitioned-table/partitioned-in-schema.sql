-- migsafe-test: --schema=context/events.sql
-- The schema says events is partitioned, though this migration never created it.
-- expect: concurrently-on-partitioned-table "CREATE INDEX CONCURRENTLY on partitioned table events fails"
CREATE INDEX CONCURRENTLY events_tenant_idx ON events (tenant_id);
-- expect: concurrently-on-partitioned-table "DROP INDEX CONCURRENTLY of events_id_idx on partitioned table"
DROP INDEX CONCURRENTLY events_id_idx;
-- A partition is a plain table.
CREATE INDEX CONCURRENTLY events_0_tenant_idx ON events_0 (tenant_id);
