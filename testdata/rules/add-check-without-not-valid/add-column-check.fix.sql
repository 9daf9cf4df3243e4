-- phase 1: expand
SET lock_timeout = '2s';
ALTER TABLE orders ADD COLUMN discount numeric,
  ADD CONSTRAINT orders_discount_check CHECK (discount >= 0) NOT VALID;
-- phase 2: validate (own migration)
ALTER TABLE orders VALIDATE CONSTRAINT orders_discount_check;
-- phase 1: expand
SET lock_timeout = '2s';
ALTER TABLE IF EXISTS ONLY public.orders
  ADD COLUMN quantity integer DEFAULT 1 NOT NULL,
  ADD CONSTRAINT quantity_positive CHECK (quantity > 0) NOT VALID;
-- phase 2: validate (own migration)
ALTER TABLE public.orders VALIDATE CONSTRAINT quantity_positive;
