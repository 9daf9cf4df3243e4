-- phase 1: expand
SET lock_timeout = '2s';
CREATE SEQUENCE IF NOT EXISTS events_seq_seq AS bigint;
ALTER TABLE events ADD COLUMN seq bigint;
ALTER TABLE events ALTER COLUMN seq SET DEFAULT nextval('events_seq_seq');
ALTER SEQUENCE events_seq_seq OWNED BY events.seq;
-- phase 2: backfill (own migration, outside a transaction)
DO $$
DECLARE
  updated integer;
BEGIN
  LOOP
    UPDATE events SET seq = nextval('events_seq_seq')
    WHERE ctid = ANY (ARRAY(SELECT ctid FROM events WHERE seq IS NULL LIMIT 5000));
    GET DIAGNOSTICS updated = ROW_COUNT;
    EXIT WHEN updated = 0;
    COMMIT;
    PERFORM pg_sleep(0.05);
  END LOOP;
END
$$;
-- phase 3: validate (own migration, outside a transaction)
SET lock_timeout = '2s';
ALTER TABLE events ADD CONSTRAINT events_seq_not_null_check CHECK (seq IS NOT NULL) NOT VALID;
ALTER TABLE events VALIDATE CONSTRAINT events_seq_not_null_check;
ALTER TABLE events ALTER COLUMN seq SET NOT NULL;
ALTER TABLE events DROP CONSTRAINT IF EXISTS events_seq_not_null_check;
-- phase 1: expand
SET lock_timeout = '2s';
CREATE SEQUENCE IF NOT EXISTS app."Tickets_Number_seq" AS integer;
ALTER TABLE IF EXISTS ONLY app."Tickets" ADD COLUMN "Number" integer;
ALTER TABLE app."Tickets" ALTER COLUMN "Number" SET DEFAULT nextval('app."Tickets_Number_seq"');
ALTER SEQUENCE app."Tickets_Number_seq" OWNED BY app."Tickets"."Number";
-- phase 2: backfill (own migration, outside a transaction)
DO $$
DECLARE
  updated integer;
BEGIN
  LOOP
    UPDATE app."Tickets" SET "Number" = nextval('app."Tickets_Number_seq"')
    WHERE ctid = ANY (ARRAY(SELECT ctid FROM app."Tickets" WHERE "Number" IS NULL LIMIT 5000));
    GET DIAGNOSTICS updated = ROW_COUNT;
    EXIT WHEN updated = 0;
    COMMIT;
    PERFORM pg_sleep(0.05);
  END LOOP;
END
$$;
-- phase 3: validate (own migration, outside a transaction)
SET lock_timeout = '2s';
ALTER TABLE app."Tickets" ADD CONSTRAINT "Tickets_Number_not_null_check" CHECK ("Number" IS NOT NULL) NOT VALID;
ALTER TABLE app."Tickets" VALIDATE CONSTRAINT "Tickets_Number_not_null_check";
ALTER TABLE app."Tickets" ALTER COLUMN "Number" SET NOT NULL;
ALTER TABLE app."Tickets" DROP CONSTRAINT IF EXISTS "Tickets_Number_not_null_check";
-- phase 1: expand
SET lock_timeout = '2s';
CREATE SEQUENCE IF NOT EXISTS legacy_id_seq AS integer;
ALTER TABLE legacy ADD COLUMN id integer, ADD COLUMN note text;
ALTER TABLE legacy ALTER COLUMN id SET DEFAULT nextval('legacy_id_seq');
ALTER SEQUENCE legacy_id_seq OWNED BY legacy.id;
-- phase 2: backfill (own migration, outside a transaction)
DO $$
DECLARE
  updated integer;
BEGIN
  LOOP
    UPDATE legacy SET id = nextval('legacy_id_seq')
    WHERE ctid = ANY (ARRAY(SELECT ctid FROM legacy WHERE id IS NULL LIMIT 5000));
    GET DIAGNOSTICS updated = ROW_COUNT;
    EXIT WHEN updated = 0;
    COMMIT;
    PERFORM pg_sleep(0.05);
  END LOOP;
END
$$;
-- phase 3: validate (own migration, outside a transaction)
SET lock_timeout = '2s';
ALTER TABLE legacy ADD CONSTRAINT legacy_id_not_null_check CHECK (id IS NOT NULL) NOT VALID;
ALTER TABLE legacy VALIDATE CONSTRAINT legacy_id_not_null_check;
ALTER TABLE legacy ALTER COLUMN id SET NOT NULL;
ALTER TABLE legacy DROP CONSTRAINT IF EXISTS legacy_id_not_null_check;
-- phase 4: expand (own migration, outside a transaction)
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS legacy_pkey ON legacy (id);
-- phase 5: switch (own migration)
SET lock_timeout = '2s';
ALTER TABLE legacy ADD CONSTRAINT legacy_pkey PRIMARY KEY USING INDEX legacy_pkey;
