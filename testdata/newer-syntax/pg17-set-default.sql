-- PostgreSQL 17: SET STATISTICS DEFAULT is SET STATISTICS -1.
-- lock: orders ShareUpdateExclusiveLock
ALTER TABLE orders ALTER COLUMN total SET STATISTICS DEFAULT;

-- PostgreSQL 17: SET ACCESS METHOD DEFAULT moves the table to default_table_access_method
-- (heap, where the table already is: no rewrite).
-- lock: orders AccessExclusiveLock
ALTER TABLE orders SET ACCESS METHOD DEFAULT;
