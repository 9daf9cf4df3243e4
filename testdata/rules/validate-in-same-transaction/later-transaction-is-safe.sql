BEGIN;
ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;
COMMIT;
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;

-- Outside a transaction every statement commits on its own.
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;

-- A constraint added in an earlier migration.
BEGIN;
ALTER TABLE orders VALIDATE CONSTRAINT orders_status_check;
COMMIT;

-- A table created in the same transaction holds no rows.
BEGIN;
CREATE TABLE coupons (id bigint PRIMARY KEY, percent integer);
ALTER TABLE coupons ADD CONSTRAINT coupons_percent_check CHECK (percent <= 100) NOT VALID;
ALTER TABLE coupons VALIDATE CONSTRAINT coupons_percent_check;
COMMIT;
