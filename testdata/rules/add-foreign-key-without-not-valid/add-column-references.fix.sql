-- phase 1: expand
SET lock_timeout = '2s';
ALTER TABLE orders ADD CONSTRAINT orders_shop_id_fkey FOREIGN KEY (shop_id) REFERENCES shops (id) NOT VALID;
-- phase 2: validate (own migration)
ALTER TABLE orders VALIDATE CONSTRAINT orders_shop_id_fkey;
