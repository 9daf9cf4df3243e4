-- phase 1: expand (own migration)
SET lock_timeout = '2s';
ALTER TABLE accounts ADD COLUMN code_new text;
CREATE FUNCTION accounts_code_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.code_new := NEW.code::text;
  RETURN NEW;
END
$$;
CREATE TRIGGER accounts_code_sync BEFORE INSERT OR UPDATE ON accounts
  FOR EACH ROW EXECUTE FUNCTION accounts_code_sync();
-- phase 2: backfill (own migration, outside a transaction)
DO $$
DECLARE
  updated integer;
BEGIN
  LOOP
    UPDATE accounts SET code_new = code::text
    WHERE ctid = ANY (ARRAY(SELECT ctid FROM accounts WHERE code_new IS NULL AND code IS NOT NULL LIMIT 5000));
    GET DIAGNOSTICS updated = ROW_COUNT;
    EXIT WHEN updated = 0;
    COMMIT;
    PERFORM pg_sleep(0.05);
  END LOOP;
END
$$;
-- before the next phase: deploy application code that accepts the new type
-- phase 3: switch (own migration)
SET lock_timeout = '2s';
BEGIN;
DROP TRIGGER accounts_code_sync ON accounts;
DROP FUNCTION accounts_code_sync();
ALTER TABLE accounts RENAME COLUMN code TO code_old;
ALTER TABLE accounts RENAME COLUMN code_new TO code;
ALTER TABLE public.accounts DROP CONSTRAINT accounts_code_check;
ALTER TABLE public.accounts ADD CONSTRAINT accounts_code_check CHECK (length(code) > 1) NOT VALID;
COMMIT;
-- before the next phase: deploy application code that no longer reads code_old
-- phase 4: validate (own migration)
ALTER TABLE public.accounts VALIDATE CONSTRAINT accounts_code_check;
-- phase 5: contract (own migration)
SET lock_timeout = '2s';
ALTER TABLE accounts DROP COLUMN code_old;
-- phase 1: expand (own migration)
SET lock_timeout = '2s';
ALTER TABLE accounts ADD COLUMN id_new bigint;
CREATE FUNCTION accounts_id_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.id_new := NEW.id::bigint;
  RETURN NEW;
END
$$;
CREATE TRIGGER accounts_id_sync BEFORE INSERT OR UPDATE ON accounts
  FOR EACH ROW EXECUTE FUNCTION accounts_id_sync();
ALTER TABLE public.accounts ADD CONSTRAINT accounts_id_new_not_null CHECK (id_new IS NOT NULL) NOT VALID;
-- phase 2: backfill (own migration, outside a transaction)
DO $$
DECLARE
  updated integer;
BEGIN
  LOOP
    UPDATE accounts SET id_new = id::bigint
    WHERE ctid = ANY (ARRAY(SELECT ctid FROM accounts WHERE id_new IS NULL AND id IS NOT NULL LIMIT 5000));
    GET DIAGNOSTICS updated = ROW_COUNT;
    EXIT WHEN updated = 0;
    COMMIT;
    PERFORM pg_sleep(0.05);
  END LOOP;
END
$$;
-- phase 3: build (own migration, outside a transaction)
ALTER TABLE public.accounts VALIDATE CONSTRAINT accounts_id_new_not_null;
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS accounts_pkey_new ON public.accounts (id_new);
-- before the next phase: deploy application code that accepts the new type
-- phase 4: switch (own migration)
SET lock_timeout = '2s';
BEGIN;
DROP TRIGGER accounts_id_sync ON accounts;
DROP FUNCTION accounts_id_sync();
ALTER TABLE accounts RENAME COLUMN id TO id_old;
ALTER TABLE accounts RENAME COLUMN id_new TO id;
ALTER TABLE public.payments DROP CONSTRAINT payments_account_id_fkey;
ALTER TABLE public.accounts ALTER COLUMN id SET NOT NULL;
ALTER TABLE public.accounts DROP CONSTRAINT accounts_id_new_not_null;
ALTER TABLE public.accounts DROP CONSTRAINT accounts_pkey;
ALTER TABLE public.accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY USING INDEX accounts_pkey_new;
ALTER TABLE public.payments ADD CONSTRAINT payments_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts (id) NOT VALID;
COMMIT;
-- before the next phase: deploy application code that no longer reads id_old
-- phase 5: validate (own migration)
ALTER TABLE public.payments VALIDATE CONSTRAINT payments_account_id_fkey;
-- phase 6: contract (own migration)
SET lock_timeout = '2s';
ALTER TABLE accounts DROP COLUMN id_old;
-- phase 1: expand (own migration)
SET lock_timeout = '2s';
ALTER TABLE accounts ADD COLUMN created_at_new timestamptz;
CREATE FUNCTION accounts_created_at_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.created_at_new := NEW.created_at::timestamptz;
  RETURN NEW;
END
$$;
CREATE TRIGGER accounts_created_at_sync BEFORE INSERT OR UPDATE ON accounts
  FOR EACH ROW EXECUTE FUNCTION accounts_created_at_sync();
-- phase 2: backfill (own migration, outside a transaction)
DO $$
DECLARE
  updated integer;
BEGIN
  LOOP
    UPDATE accounts SET created_at_new = created_at::timestamptz
    WHERE ctid = ANY (ARRAY(SELECT ctid FROM accounts WHERE created_at_new IS NULL AND created_at IS NOT NULL LIMIT 5000));
    GET DIAGNOSTICS updated = ROW_COUNT;
    EXIT WHEN updated = 0;
    COMMIT;
    PERFORM pg_sleep(0.05);
  END LOOP;
END
$$;
-- before the next phase: deploy application code that accepts the new type
-- phase 3: switch (own migration)
SET lock_timeout = '2s';
BEGIN;
DROP TRIGGER accounts_created_at_sync ON accounts;
DROP FUNCTION accounts_created_at_sync();
ALTER TABLE accounts RENAME COLUMN created_at TO created_at_old;
ALTER TABLE accounts RENAME COLUMN created_at_new TO created_at;
COMMIT;
-- before the next phase: deploy application code that no longer reads created_at_old
-- phase 4: contract (own migration)
SET lock_timeout = '2s';
ALTER TABLE accounts DROP COLUMN created_at_old;
