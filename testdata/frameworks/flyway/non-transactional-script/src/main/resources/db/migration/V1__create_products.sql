CREATE TABLE products (id bigint PRIMARY KEY, sku text NOT NULL, price numeric);
CREATE INDEX products_price_idx ON products (price);
