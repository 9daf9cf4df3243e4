-- phase 1: expand (own migration)
SET lock_timeout = '2s';
ALTER TABLE public.events ADD COLUMN counter_new bigint;
CREATE FUNCTION events_counter_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.counter_new := NEW.counter::bigint;
  RETURN NEW;
END
$$;
CREATE TRIGGER events_counter_sync BEFORE INSERT OR UPDATE ON public.events
  FOR EACH ROW EXECUTE FUNCTION events_counter_sync();
-- phase 2: backfill (own migration, outside a transaction)
DO $$
DECLARE
  updated integer;
BEGIN
  LOOP
    UPDATE public.events SET counter_new = counter::bigint
    WHERE ctid = ANY (ARRAY(SELECT ctid FROM public.events WHERE counter_new IS NULL AND counter IS NOT NULL LIMIT 5000));
    GET DIAGNOSTICS updated = ROW_COUNT;
    EXIT WHEN updated = 0;
    COMMIT;
    PERFORM pg_sleep(0.05);
  END LOOP;
END
$$;
-- before the next phase: build the indexes, NOT NULL (through a validated CHECK) and foreign keys of counter on counter_new concurrently / NOT VALID first (the schema is unknown: check views, policies and triggers too); then deploy application code that accepts the new type
-- phase 3: switch (own migration)
SET lock_timeout = '2s';
BEGIN;
DROP TRIGGER events_counter_sync ON public.events;
DROP FUNCTION events_counter_sync();
ALTER TABLE public.events RENAME COLUMN counter TO counter_old;
ALTER TABLE public.events RENAME COLUMN counter_new TO counter;
COMMIT;
-- before the next phase: deploy application code that no longer reads counter_old
-- phase 4: contract (own migration)
SET lock_timeout = '2s';
ALTER TABLE public.events DROP COLUMN counter_old;
-- phase 1: expand (own migration)
SET lock_timeout = '2s';
ALTER TABLE "Accounts" ADD COLUMN "Balance_new" numeric(12,2);
CREATE FUNCTION "Accounts_Balance_sync"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."Balance_new" := NEW."Balance"::numeric(12,2);
  RETURN NEW;
END
$$;
CREATE TRIGGER "Accounts_Balance_sync" BEFORE INSERT OR UPDATE ON "Accounts"
  FOR EACH ROW EXECUTE FUNCTION "Accounts_Balance_sync"();
-- phase 2: backfill (own migration, outside a transaction)
DO $$
DECLARE
  updated integer;
BEGIN
  LOOP
    UPDATE "Accounts" SET "Balance_new" = "Balance"::numeric(12,2)
    WHERE ctid = ANY (ARRAY(SELECT ctid FROM "Accounts" WHERE "Balance_new" IS NULL AND "Balance" IS NOT NULL LIMIT 5000));
    GET DIAGNOSTICS updated = ROW_COUNT;
    EXIT WHEN updated = 0;
    COMMIT;
    PERFORM pg_sleep(0.05);
  END LOOP;
END
$$;
-- before the next phase: build the indexes, NOT NULL (through a validated CHECK) and foreign keys of Balance on Balance_new concurrently / NOT VALID first (the schema is unknown: check views, policies and triggers too); then deploy application code that accepts the new type
-- phase 3: switch (own migration)
SET lock_timeout = '2s';
BEGIN;
DROP TRIGGER "Accounts_Balance_sync" ON "Accounts";
DROP FUNCTION "Accounts_Balance_sync"();
ALTER TABLE "Accounts" RENAME COLUMN "Balance" TO "Balance_old";
ALTER TABLE "Accounts" RENAME COLUMN "Balance_new" TO "Balance";
COMMIT;
-- before the next phase: deploy application code that no longer reads Balance_old
-- phase 4: contract (own migration)
SET lock_timeout = '2s';
ALTER TABLE "Accounts" DROP COLUMN "Balance_old";
-- phase 1: expand (own migration)
SET lock_timeout = '2s';
ALTER TABLE payments ADD COLUMN amount_new numeric(20,4);
CREATE FUNCTION payments_amount_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.amount_new := NEW.amount::numeric(20,4);
  RETURN NEW;
END
$$;
CREATE TRIGGER payments_amount_sync BEFORE INSERT OR UPDATE ON payments
  FOR EACH ROW EXECUTE FUNCTION payments_amount_sync();
-- phase 2: backfill (own migration, outside a transaction)
DO $$
DECLARE
  updated integer;
BEGIN
  LOOP
    UPDATE payments SET amount_new = amount::numeric(20,4)
    WHERE ctid = ANY (ARRAY(SELECT ctid FROM payments WHERE amount_new IS NULL AND amount IS NOT NULL LIMIT 5000));
    GET DIAGNOSTICS updated = ROW_COUNT;
    EXIT WHEN updated = 0;
    COMMIT;
    PERFORM pg_sleep(0.05);
  END LOOP;
END
$$;
-- before the next phase: build the indexes, NOT NULL (through a validated CHECK) and foreign keys of amount on amount_new concurrently / NOT VALID first (the schema is unknown: check views, policies and triggers too); then deploy application code that accepts the new type
-- phase 3: switch (own migration)
SET lock_timeout = '2s';
BEGIN;
DROP TRIGGER payments_amount_sync ON payments;
DROP FUNCTION payments_amount_sync();
ALTER TABLE payments RENAME COLUMN amount TO amount_old;
ALTER TABLE payments RENAME COLUMN amount_new TO amount;
COMMIT;
-- before the next phase: deploy application code that no longer reads amount_old
-- phase 4: contract (own migration)
SET lock_timeout = '2s';
ALTER TABLE payments DROP COLUMN amount_old;
-- phase 1: expand (own migration)
SET lock_timeout = '2s';
ALTER TABLE payments ADD COLUMN currency_new char(3);
CREATE FUNCTION payments_currency_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.currency_new := NEW.currency::char(3);
  RETURN NEW;
END
$$;
CREATE TRIGGER payments_currency_sync BEFORE INSERT OR UPDATE ON payments
  FOR EACH ROW EXECUTE FUNCTION payments_currency_sync();
-- phase 2: backfill (own migration, outside a transaction)
DO $$
DECLARE
  updated integer;
BEGIN
  LOOP
    UPDATE payments SET currency_new = currency::char(3)
    WHERE ctid = ANY (ARRAY(SELECT ctid FROM payments WHERE currency_new IS NULL AND currency IS NOT NULL LIMIT 5000));
    GET DIAGNOSTICS updated = ROW_COUNT;
    EXIT WHEN updated = 0;
    COMMIT;
    PERFORM pg_sleep(0.05);
  END LOOP;
END
$$;
-- before the next phase: build the indexes, NOT NULL (through a validated CHECK) and foreign keys of currency on currency_new concurrently / NOT VALID first (the schema is unknown: check views, policies and triggers too); then deploy application code that accepts the new type
-- phase 3: switch (own migration)
SET lock_timeout = '2s';
BEGIN;
DROP TRIGGER payments_currency_sync ON payments;
DROP FUNCTION payments_currency_sync();
ALTER TABLE payments RENAME COLUMN currency TO currency_old;
ALTER TABLE payments RENAME COLUMN currency_new TO currency;
COMMIT;
-- before the next phase: deploy application code that no longer reads currency_old
-- phase 4: contract (own migration)
SET lock_timeout = '2s';
ALTER TABLE payments DROP COLUMN currency_old;
