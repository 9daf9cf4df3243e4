-- Undo of V1_1 (Flyway Teams): linted only with --check-down.
DROP INDEX CONCURRENTLY IF EXISTS products_sku_idx;
