-- The safe form: built concurrently, alone in its file.
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_total_idx ON orders (total);
