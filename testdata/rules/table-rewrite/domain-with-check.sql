CREATE DOMAIN positive_int AS integer CHECK (VALUE > 0);
CREATE DOMAIN app.label AS text;
-- A column of a domain with a CHECK rewrites the table even without a default (measured).
-- expect: table-rewrite "ADD COLUMN quantity of domain positive_int, which has a CHECK constraint, rewrites existing table orders"
ALTER TABLE orders ADD COLUMN quantity positive_int;
-- A domain without constraints does not.
ALTER TABLE orders ADD COLUMN tag app.label;
ALTER DOMAIN app.label ADD CONSTRAINT label_short CHECK (length(VALUE) < 64) NOT VALID;
-- expect: table-rewrite "domain app.label"
ALTER TABLE orders ADD COLUMN title app.label;
DROP DOMAIN positive_int CASCADE;
CREATE DOMAIN positive_int AS integer;
ALTER TABLE orders ADD COLUMN count positive_int;
