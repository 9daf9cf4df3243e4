-- Deploy shop:widgets to pg

BEGIN;

CREATE SCHEMA shop;
CREATE TABLE shop.widgets (id bigint PRIMARY KEY, name text NOT NULL);

COMMIT;
