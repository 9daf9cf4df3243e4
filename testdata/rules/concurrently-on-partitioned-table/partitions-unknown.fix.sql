-- phase 1: expand
SET lock_timeout = '2s';
CREATE INDEX IF NOT EXISTS events_kind_idx ON ONLY "Events" (kind);
-- before the next phase: for each partition: CREATE INDEX CONCURRENTLY on it, then ALTER INDEX events_kind_idx ATTACH PARTITION <that index>
