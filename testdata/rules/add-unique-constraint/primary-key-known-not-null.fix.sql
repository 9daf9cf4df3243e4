-- phase 1: expand (own migration, outside a transaction)
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS sessions_pkey ON sessions (id);
-- before the next phase: check that the index is valid (pg_index.indisvalid); if the build failed, drop it and fix the duplicates first
-- phase 2: switch (own migration)
SET lock_timeout = '2s';
ALTER TABLE sessions ADD CONSTRAINT sessions_pkey PRIMARY KEY USING INDEX sessions_pkey;
