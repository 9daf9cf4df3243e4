-- PostgreSQL 17: JSON_VALUE in an index expression. The expression does not change the locks.
-- lock: orders ShareUpdateExclusiveLock scan
CREATE INDEX CONCURRENTLY orders_doc_sku_idx ON orders ((JSON_VALUE(doc, '$.sku' RETURNING text)));

-- PostgreSQL 16: IS JSON in a partial index, built without CONCURRENTLY.
-- lock: orders ShareLock scan
-- finding: require-concurrent-index-creation
CREATE INDEX orders_doc_object_idx ON orders (id) WHERE doc IS JSON OBJECT WITH UNIQUE KEYS;

-- lock: orders AccessExclusiveLock
ALTER TABLE orders ADD CONSTRAINT orders_doc_is_object CHECK (doc IS JSON OBJECT) NOT VALID;
