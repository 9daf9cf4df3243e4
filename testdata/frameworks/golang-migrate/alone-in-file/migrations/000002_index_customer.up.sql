-- Alone in its file, the statement is sent alone and runs outside a transaction.
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_idx ON orders (customer_id);
