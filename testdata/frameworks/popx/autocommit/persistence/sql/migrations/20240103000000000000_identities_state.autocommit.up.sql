CREATE INDEX CONCURRENTLY IF NOT EXISTS identities_state_idx ON identities (state);
