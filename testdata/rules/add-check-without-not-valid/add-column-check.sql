-- PostgreSQL scans for a column CHECK even though the new column is all NULL (measured).
-- expect: add-check-without-not-valid "ADD COLUMN discount with a CHECK constraint on existing table orders"
ALTER TABLE orders ADD COLUMN discount numeric CHECK (discount >= 0);

-- expect: add-check-without-not-valid "ADD COLUMN quantity"
ALTER TABLE IF EXISTS ONLY public.orders
  ADD COLUMN quantity integer CONSTRAINT quantity_positive CHECK (quantity > 0) DEFAULT 1 NOT NULL;
