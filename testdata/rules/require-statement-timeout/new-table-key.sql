-- migsafe-test: --enable require-statement-timeout
-- A new table's foreign key reads the referenced table once per row: it has none.
CREATE TABLE invoices (id bigint PRIMARY KEY, order_id bigint);
ALTER TABLE invoices ADD FOREIGN KEY (order_id) REFERENCES orders (id);
-- expect: require-statement-timeout "scans orders"
ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0);
