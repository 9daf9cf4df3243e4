ALTER TABLE products ADD COLUMN discount numeric;
-- expect: concurrently-in-transaction "Flyway refuses that mix"
CREATE INDEX CONCURRENTLY products_discount_idx ON products (discount);
