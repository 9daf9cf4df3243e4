-- Only statements that cannot run in a transaction: Flyway runs the script without one.
CREATE INDEX CONCURRENTLY products_sku_idx ON products (sku);
