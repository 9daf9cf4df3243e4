CREATE TABLE accounts (
  id integer PRIMARY KEY, -- expect: prefer-bigint-over-int "Key column id of accounts is integer"
  owner_id int4 REFERENCES users (id), -- expect: prefer-bigint-over-int
  counter integer,
  big bigint
);
CREATE TABLE "Order Items" (
  order_id serial, -- expect: prefer-bigint-over-int "serial"
  line smallint,
  PRIMARY KEY (order_id, line)
);
-- expect: prefer-bigint-over-int
ALTER TABLE app.orders ADD COLUMN shop_id integer REFERENCES shops (id);
ALTER TABLE orders ADD COLUMN quantity integer;
ALTER TABLE orders ALTER COLUMN quantity TYPE integer;
