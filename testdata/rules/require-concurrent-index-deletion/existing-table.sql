-- expect: require-concurrent-index-deletion "DROP INDEX users_email_idx takes ACCESS EXCLUSIVE lock on the index and its table"
DROP INDEX users_email_idx;

-- expect: require-concurrent-index-deletion "app.orders_created_idx, Orders_Total_idx"
DROP INDEX IF EXISTS app.orders_created_idx, "Orders_Total_idx";

-- CONCURRENTLY cannot CASCADE: reported, with no concurrent fix.
-- expect: require-concurrent-index-deletion "blocking reads and writes"
DROP INDEX app.orders_status_idx CASCADE;
