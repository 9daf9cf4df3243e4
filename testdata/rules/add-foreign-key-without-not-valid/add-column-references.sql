ALTER TABLE orders ADD COLUMN coupon_id bigint REFERENCES coupons (id);
ALTER TABLE orders ADD COLUMN region_id bigint DEFAULT NULL REFERENCES regions (id);
-- expect: add-foreign-key-without-not-valid "with a default"
ALTER TABLE orders ADD COLUMN shop_id bigint NOT NULL DEFAULT 1 REFERENCES shops (id);
