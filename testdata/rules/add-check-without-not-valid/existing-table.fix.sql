-- phase 1: expand
SET lock_timeout = '2s';
ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;
-- phase 2: validate (own migration)
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;
-- phase 1: expand
SET lock_timeout = '2s';
ALTER TABLE ONLY app.line_items ADD CHECK (quantity > 0) NOT VALID;
-- phase 2: validate (own migration)
ALTER TABLE app.line_items VALIDATE CONSTRAINT line_items_quantity_check;
-- phase 1: expand
SET lock_timeout = '2s';
ALTER TABLE IF EXISTS "Order Notes" ADD CHECK (length(body) < length(title) * 100) NOT VALID;
-- phase 2: validate (own migration)
ALTER TABLE "Order Notes" VALIDATE CONSTRAINT "Order Notes_check";
-- phase 1: expand
SET lock_timeout = '2s';
ALTER TABLE products
  ADD CONSTRAINT price_positive CHECK (price > 0) NOT VALID,
  ALTER COLUMN name SET DEFAULT '',
  ADD CONSTRAINT discount_range CHECK (discount BETWEEN 0 AND (price)) NOT VALID NO INHERIT;
-- phase 2: validate (own migration)
ALTER TABLE products VALIDATE CONSTRAINT price_positive;
ALTER TABLE products VALIDATE CONSTRAINT discount_range;
