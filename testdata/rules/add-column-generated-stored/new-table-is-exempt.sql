CREATE TABLE invoices (id bigint PRIMARY KEY, total numeric);
ALTER TABLE invoices ADD COLUMN total_cents bigint GENERATED ALWAYS AS (total * 100) STORED;
ALTER TABLE orders ADD COLUMN total_cents bigint;
