-- phase 1: expand
SET lock_timeout = '2s';
ALTER TABLE accounts ADD COLUMN api_key text;
-- phase 2: expand (own migration, outside a transaction)
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS accounts_api_key_key ON accounts (api_key);
-- before the next phase: check that the index is valid (pg_index.indisvalid); if the build failed, drop it and fix the duplicates first
-- phase 3: switch (own migration)
SET lock_timeout = '2s';
ALTER TABLE accounts ADD CONSTRAINT accounts_api_key_key UNIQUE USING INDEX accounts_api_key_key;
