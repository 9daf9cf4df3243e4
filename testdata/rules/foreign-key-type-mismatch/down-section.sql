-- migsafe-test: --framework=dbmate --check-down
-- A down section is checked against the schema the up section left, which it does not change.
-- migrate:up
CREATE TABLE users (id bigint PRIMARY KEY);
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users);

-- migrate:down
-- expect: foreign-key-type-mismatch "public.orders.user_id is integer but public.users.id, which it references, is bigint"
ALTER TABLE orders ALTER COLUMN user_id TYPE integer;
-- The down section's first change is forgotten: this key still matches.
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users;
DROP TABLE orders;
