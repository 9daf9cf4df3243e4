-- PostgreSQL 18: a VIRTUAL generated column is computed when read, so adding one rewrites nothing.
-- lock: orders AccessExclusiveLock
ALTER TABLE orders ADD COLUMN total_cents bigint GENERATED ALWAYS AS (total * 100) VIRTUAL;

-- Without STORED, PostgreSQL 18 makes a generated column VIRTUAL.
-- lock: orders AccessExclusiveLock
ALTER TABLE orders ADD COLUMN total_tax numeric GENERATED ALWAYS AS (total * 0.2);

-- lock: line_items AccessExclusiveLock created
CREATE TABLE line_items (
    id bigint PRIMARY KEY,
    quantity integer NOT NULL,
    unit_price numeric NOT NULL,
    amount numeric GENERATED ALWAYS AS (quantity * unit_price) VIRTUAL
);
