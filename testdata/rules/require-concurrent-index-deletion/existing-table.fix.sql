-- phase 1: contract (own migration, outside a transaction)
SET lock_timeout = '2s';
DROP INDEX CONCURRENTLY IF EXISTS users_email_idx;
-- phase 1: contract (own migration, outside a transaction)
SET lock_timeout = '2s';
DROP INDEX CONCURRENTLY IF EXISTS app.orders_created_idx;
DROP INDEX CONCURRENTLY IF EXISTS "Orders_Total_idx";
