SET lock_timeout = '2s';
-- expect: concurrently-in-transaction "golang-migrate"
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_total_idx ON orders (total);
