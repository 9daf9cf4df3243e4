CREATE OR REPLACE VIEW product_prices AS SELECT id, price FROM products;
