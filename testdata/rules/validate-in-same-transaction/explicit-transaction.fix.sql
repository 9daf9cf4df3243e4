-- phase 1: validate (own migration)
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;
-- phase 1: validate (own migration)
ALTER TABLE app.orders VALIDATE CONSTRAINT orders_user_fk;
