ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;
ALTER TABLE orders ADD COLUMN note text;
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;

-- A table created earlier in the same migration.
CREATE TABLE coupons (id bigint PRIMARY KEY, percent integer);
ALTER TABLE coupons ADD CONSTRAINT coupons_percent_check CHECK (percent BETWEEN 0 AND 100);
ALTER TABLE coupons ADD COLUMN uses integer CHECK (uses >= 0);
