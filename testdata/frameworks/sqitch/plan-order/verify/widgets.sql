-- Verify shop:widgets on pg

SELECT id, name FROM shop.widgets WHERE false;
