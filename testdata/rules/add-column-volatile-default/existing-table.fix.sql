-- phase 1: expand
SET lock_timeout = '2s';
ALTER TABLE events ADD COLUMN public_id uuid;
ALTER TABLE events ALTER COLUMN public_id SET DEFAULT gen_random_uuid();
-- phase 2: backfill (own migration, outside a transaction)
DO $$
DECLARE
  updated integer;
BEGIN
  LOOP
    UPDATE events SET public_id = gen_random_uuid()
    WHERE ctid = ANY (ARRAY(SELECT ctid FROM events WHERE public_id IS NULL LIMIT 5000));
    GET DIAGNOSTICS updated = ROW_COUNT;
    EXIT WHEN updated = 0;
    COMMIT;
    PERFORM pg_sleep(0.05);
  END LOOP;
END
$$;
-- phase 1: expand
SET lock_timeout = '2s';
ALTER TABLE IF EXISTS ONLY app."Audit Log" ADD COLUMN "Seen At" timestamptz;
ALTER TABLE app."Audit Log" ALTER COLUMN "Seen At" SET DEFAULT clock_timestamp();
-- phase 2: backfill (own migration, outside a transaction)
DO $$
DECLARE
  updated integer;
BEGIN
  LOOP
    UPDATE app."Audit Log" SET "Seen At" = clock_timestamp()
    WHERE ctid = ANY (ARRAY(SELECT ctid FROM app."Audit Log" WHERE "Seen At" IS NULL LIMIT 5000));
    GET DIAGNOSTICS updated = ROW_COUNT;
    EXIT WHEN updated = 0;
    COMMIT;
    PERFORM pg_sleep(0.05);
  END LOOP;
END
$$;
-- phase 3: validate (own migration, outside a transaction)
SET lock_timeout = '2s';
ALTER TABLE app."Audit Log" ADD CONSTRAINT "Audit Log_Seen At_not_null_check" CHECK ("Seen At" IS NOT NULL) NOT VALID;
ALTER TABLE app."Audit Log" VALIDATE CONSTRAINT "Audit Log_Seen At_not_null_check";
ALTER TABLE app."Audit Log" ALTER COLUMN "Seen At" SET NOT NULL;
ALTER TABLE app."Audit Log" DROP CONSTRAINT IF EXISTS "Audit Log_Seen At_not_null_check";
-- phase 1: expand
SET lock_timeout = '2s';
ALTER TABLE users
  ADD COLUMN token text REFERENCES tokens (value), ADD COLUMN note text;
ALTER TABLE users ALTER COLUMN token SET DEFAULT make_token(16);
-- phase 2: backfill (own migration, outside a transaction)
DO $$
DECLARE
  updated integer;
BEGIN
  LOOP
    UPDATE users SET token = make_token(16)
    WHERE ctid = ANY (ARRAY(SELECT ctid FROM users WHERE token IS NULL LIMIT 5000));
    GET DIAGNOSTICS updated = ROW_COUNT;
    EXIT WHEN updated = 0;
    COMMIT;
    PERFORM pg_sleep(0.05);
  END LOOP;
END
$$;
-- phase 1: expand
SET lock_timeout = '2s';
ALTER TABLE orders ADD COLUMN number bigint;
ALTER TABLE orders ALTER COLUMN number SET DEFAULT nextval('orders_number_seq');
-- phase 2: backfill (own migration, outside a transaction)
DO $$
DECLARE
  updated integer;
BEGIN
  LOOP
    UPDATE orders SET number = nextval('orders_number_seq')
    WHERE ctid = ANY (ARRAY(SELECT ctid FROM orders WHERE number IS NULL LIMIT 5000));
    GET DIAGNOSTICS updated = ROW_COUNT;
    EXIT WHEN updated = 0;
    COMMIT;
    PERFORM pg_sleep(0.05);
  END LOOP;
END
$$;
