-- expect: add-check-without-not-valid "ADD CONSTRAINT orders_total_check CHECK on existing table orders takes ACCESS EXCLUSIVE lock, blocking reads and writes"
ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0);

-- Unnamed: PostgreSQL names it <table>_<column>_check.
-- expect: add-check-without-not-valid "app.line_items"
ALTER TABLE ONLY app.line_items ADD CHECK (quantity > 0);

-- expect: add-check-without-not-valid "Order Notes_check"
ALTER TABLE IF EXISTS "Order Notes" ADD CHECK (length(body) < length(title) * 100);

-- expect: add-check-without-not-valid "price_positive"
-- expect: add-check-without-not-valid "discount_range"
ALTER TABLE products
  ADD CONSTRAINT price_positive CHECK (price > 0),
  ALTER COLUMN name SET DEFAULT '',
  ADD CONSTRAINT discount_range CHECK (discount BETWEEN 0 AND (price)) NO INHERIT;
