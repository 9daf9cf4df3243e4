-- Every other kind of object that depends on a column.
CREATE TABLE items (
    id integer PRIMARY KEY,
    price numeric(10, 2) CHECK (price >= 0),
    quantity integer,
    total numeric GENERATED ALWAYS AS (price * quantity) STORED
);
CREATE VIEW priced_items AS SELECT id, price FROM items;
CREATE MATERIALIZED VIEW item_totals AS SELECT sum(price) AS revenue FROM items;
CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER price_changes AFTER UPDATE ON items FOR EACH ROW
    WHEN (OLD.price IS DISTINCT FROM NEW.price) EXECUTE FUNCTION audit();
CREATE TABLE item_log (id integer);
CREATE RULE log_price AS ON UPDATE TO items WHERE NEW.price > 1000 DO ALSO INSERT INTO item_log VALUES (NEW.id);
CREATE INDEX items_cheap ON items (id) WHERE price < 1;
