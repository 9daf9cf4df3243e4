BEGIN;
ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;
-- expect: validate-in-same-transaction "still holds ACCESS EXCLUSIVE on orders, blocking reads and writes"
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;
ALTER TABLE app.orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
-- expect: validate-in-same-transaction "still holds SHARE ROW EXCLUSIVE on app.orders"
ALTER TABLE app.orders VALIDATE CONSTRAINT orders_user_fk;
COMMIT;
