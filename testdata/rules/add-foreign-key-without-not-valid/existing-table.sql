-- expect: add-foreign-key-without-not-valid "SHARE ROW EXCLUSIVE on orders and users"
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);

-- expect: add-foreign-key-without-not-valid
ALTER TABLE app.orders ADD FOREIGN KEY (account_id) REFERENCES app.accounts (id) ON DELETE CASCADE;

-- expect: add-foreign-key-without-not-valid
ALTER TABLE IF EXISTS ONLY "Order Lines"
  ADD COLUMN note text,
  ADD CONSTRAINT lines_order_fk FOREIGN KEY (order_id) REFERENCES orders (id);
