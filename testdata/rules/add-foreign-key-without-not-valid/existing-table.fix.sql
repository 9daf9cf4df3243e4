-- phase 1: expand
SET lock_timeout = '2s';
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
-- phase 2: validate (own migration)
ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;
-- phase 1: expand
SET lock_timeout = '2s';
ALTER TABLE app.orders ADD CONSTRAINT orders_account_id_fkey FOREIGN KEY (account_id) REFERENCES app.accounts (id) ON DELETE CASCADE NOT VALID;
-- phase 2: validate (own migration)
ALTER TABLE app.orders VALIDATE CONSTRAINT orders_account_id_fkey;
-- phase 1: expand
SET lock_timeout = '2s';
ALTER TABLE "Order Lines" ADD CONSTRAINT lines_order_fk FOREIGN KEY (order_id) REFERENCES orders (id) NOT VALID;
-- phase 2: validate (own migration)
ALTER TABLE "Order Lines" VALIDATE CONSTRAINT lines_order_fk;
