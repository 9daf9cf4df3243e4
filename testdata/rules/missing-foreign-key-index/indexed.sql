CREATE TABLE customers (id bigint PRIMARY KEY);
-- The index comes after the key in the same migration.
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers);
CREATE INDEX orders_customer_id_idx ON orders (customer_id);
-- Leading columns in another order, with more columns after them.
CREATE TABLE line_items (order_id bigint, product_id bigint, quantity integer,
    FOREIGN KEY (order_id, product_id) REFERENCES orders (id, customer_id));
CREATE INDEX line_items_lookup ON line_items (product_id, order_id, quantity);
-- A primary key or unique constraint that leads with the column serves too.
CREATE TABLE customer_profiles (customer_id bigint PRIMARY KEY REFERENCES customers);
CREATE TABLE addresses (customer_id bigint REFERENCES customers, kind text, UNIQUE (customer_id, kind));
-- A key dropped again before the migration ends.
CREATE TABLE notes (id bigint, customer_id bigint CONSTRAINT notes_customer_fkey REFERENCES customers);
ALTER TABLE notes DROP CONSTRAINT notes_customer_fkey;
-- A table migsafe never saw created may have indexes it does not know of.
ALTER TABLE invoices ADD CONSTRAINT invoices_customer_fkey FOREIGN KEY (customer_id) REFERENCES customers NOT VALID;
