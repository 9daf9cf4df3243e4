-- phase 1: expand (own migration, outside a transaction)
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS schools_pkey ON schools (id);
-- before the next phase: check that the index is valid (pg_index.indisvalid); if the build failed, drop it and fix the duplicates first
-- phase 2: switch (own migration)
SET lock_timeout = '2s';
ALTER TABLE schools ADD CONSTRAINT schools_pkey PRIMARY KEY USING INDEX schools_pkey;
