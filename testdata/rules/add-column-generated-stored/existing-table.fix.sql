-- phase 1: expand (own migration)
SET lock_timeout = '2s';
ALTER TABLE orders ADD COLUMN total_cents bigint;
CREATE FUNCTION orders_total_cents_generate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.total_cents := (NEW.total * 100);
  RETURN NEW;
END
$$;
CREATE TRIGGER orders_total_cents_generate BEFORE INSERT OR UPDATE ON orders
  FOR EACH ROW EXECUTE FUNCTION orders_total_cents_generate();
-- before the next phase: the trigger computes total_cents from now on: application code must not write it
-- phase 2: backfill (own migration, outside a transaction)
DO $$
DECLARE
  updated integer;
BEGIN
  LOOP
    UPDATE orders SET total_cents = (total * 100)
    WHERE ctid = ANY (ARRAY(SELECT ctid FROM orders WHERE total_cents IS DISTINCT FROM (total * 100) LIMIT 5000));
    GET DIAGNOSTICS updated = ROW_COUNT;
    EXIT WHEN updated = 0;
    COMMIT;
    PERFORM pg_sleep(0.05);
  END LOOP;
END
$$;
-- phase 1: expand (own migration)
SET lock_timeout = '2s';
ALTER TABLE IF EXISTS ONLY app."People"
  ADD COLUMN "Full Name" text, ADD COLUMN note text;
CREATE FUNCTION app."People_Full Name_generate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."Full Name" := (NEW."First" || ' ' || NEW."Last");
  RETURN NEW;
END
$$;
CREATE TRIGGER "People_Full Name_generate" BEFORE INSERT OR UPDATE ON app."People"
  FOR EACH ROW EXECUTE FUNCTION app."People_Full Name_generate"();
-- before the next phase: the trigger computes Full Name from now on: application code must not write it
-- phase 2: backfill (own migration, outside a transaction)
DO $$
DECLARE
  updated integer;
BEGIN
  LOOP
    UPDATE app."People" SET "Full Name" = ("First" || ' ' || "Last")
    WHERE ctid = ANY (ARRAY(SELECT ctid FROM app."People" WHERE "Full Name" IS DISTINCT FROM ("First" || ' ' || "Last") LIMIT 5000));
    GET DIAGNOSTICS updated = ROW_COUNT;
    EXIT WHEN updated = 0;
    COMMIT;
    PERFORM pg_sleep(0.05);
  END LOOP;
END
$$;
-- phase 3: validate (own migration, outside a transaction)
SET lock_timeout = '2s';
ALTER TABLE app."People" ADD CONSTRAINT "People_Full Name_not_null_check" CHECK ("Full Name" IS NOT NULL) NOT VALID;
ALTER TABLE app."People" VALIDATE CONSTRAINT "People_Full Name_not_null_check";
ALTER TABLE app."People" ALTER COLUMN "Full Name" SET NOT NULL;
ALTER TABLE app."People" DROP CONSTRAINT IF EXISTS "People_Full Name_not_null_check";
