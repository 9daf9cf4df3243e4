-- PostgreSQL 17 SET EXPRESSION is not a form the fallback reads: one precise error.
-- error: newer than PostgreSQL 15
ALTER TABLE orders ALTER COLUMN total SET EXPRESSION AS (price * quantity);

-- lock: orders AccessExclusiveLock
ALTER TABLE orders ADD COLUMN note text;
