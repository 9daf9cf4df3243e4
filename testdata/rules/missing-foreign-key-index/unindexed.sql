CREATE TABLE customers (id bigint PRIMARY KEY);
-- expect: missing-foreign-key-index "no index on public.orders (customer_id) for its foreign key"
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers);
CREATE TABLE app.line_items (order_id bigint, product_id bigint, quantity integer);
-- expect: missing-foreign-key-index "no index on app.line_items (order_id, product_id)"
ALTER TABLE app.line_items ADD CONSTRAINT line_items_order_fkey FOREIGN KEY (order_id, product_id) REFERENCES orders (id, customer_id) NOT VALID;
-- A partial index does not serve every lookup, nor one led by another column.
CREATE INDEX line_items_open_idx ON app.line_items (order_id, product_id) WHERE quantity > 0;
CREATE INDEX line_items_product_idx ON app.line_items (product_id, quantity, order_id);
CREATE TABLE "Refunds" (id bigint PRIMARY KEY);
-- expect: missing-foreign-key-index "no index on public.Refunds ("orderId")"
ALTER TABLE "Refunds" ADD COLUMN "orderId" bigint REFERENCES orders;
