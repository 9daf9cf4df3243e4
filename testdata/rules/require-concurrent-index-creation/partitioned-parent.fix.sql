-- phase 1: expand (own migration, outside a transaction)
CREATE INDEX CONCURRENTLY IF NOT EXISTS events_0_tenant_idx ON events_0 (tenant_id);
-- before the next phase: none; if the build fails, drop the INVALID index it leaves and run it again
