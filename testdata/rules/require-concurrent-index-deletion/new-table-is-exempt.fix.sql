-- phase 1: contract (own migration, outside a transaction)
DROP INDEX CONCURRENTLY IF EXISTS archive_total_idx;
