-- phase 1: expand
SET lock_timeout = '2s';
CREATE INDEX IF NOT EXISTS events_tenant_idx ON ONLY events (tenant_id);
-- phase 2: expand (own migration, outside a transaction)
CREATE INDEX CONCURRENTLY IF NOT EXISTS events_0_tenant_idx ON public.events_0 (tenant_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS events_1_tenant_idx ON public.events_1 (tenant_id);
-- phase 3: switch (own migration)
SET lock_timeout = '2s';
ALTER INDEX events_tenant_idx ATTACH PARTITION public.events_0_tenant_idx;
ALTER INDEX events_tenant_idx ATTACH PARTITION public.events_1_tenant_idx;
-- phase 1: contract
SET lock_timeout = '2s';
DROP INDEX IF EXISTS events_id_idx;
