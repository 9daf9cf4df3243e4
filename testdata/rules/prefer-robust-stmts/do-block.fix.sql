-- phase 1: contract
DROP TABLE IF EXISTS legacy_orders;
