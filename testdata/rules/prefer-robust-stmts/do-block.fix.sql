-- phase 1: contract
SET lock_timeout = '2s';
DROP TABLE IF EXISTS legacy_orders;
