-- Revert shop:widgets from pg

BEGIN;

DROP TABLE shop.widgets;
DROP SCHEMA shop;

COMMIT;
