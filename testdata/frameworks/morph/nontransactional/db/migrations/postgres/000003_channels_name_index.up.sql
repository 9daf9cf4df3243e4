-- The marker is not on the first line: morph runs the file in a transaction.
-- morph:nontransactional
-- expect: concurrently-in-transaction "morph"
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_channels_name ON channels (name);
