-- morph:nontransactional
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_channels_teamid ON channels (teamid);
