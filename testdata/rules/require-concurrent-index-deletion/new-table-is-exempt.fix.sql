-- phase 1: contract (own migration, outside a transaction)
SET lock_timeout = '2s';
DROP INDEX CONCURRENTLY IF EXISTS archive_total_idx;
