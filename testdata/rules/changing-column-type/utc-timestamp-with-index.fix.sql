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
-- phase 3: build (own migration, outside a transaction)
CREATE INDEX CONCURRENTLY IF NOT EXISTS accounts_created_at_idx_new ON public.accounts (created_at_new);
-- before the next phase: deploy application code that accepts the new type
-- phase 4: switch (own migration)
SET lock_timeout = '2s';
BEGIN;
DROP TRIGGER accounts_created_at_sync ON accounts;
DROP FUNCTION accounts_created_at_sync();
ALTER TABLE accounts RENAME COLUMN created_at TO created_at_old;
ALTER TABLE accounts RENAME COLUMN created_at_new TO created_at;
DROP INDEX public.accounts_created_at_idx;
ALTER INDEX public.accounts_created_at_idx_new RENAME TO accounts_created_at_idx;
COMMIT;
-- before the next phase: deploy application code that no longer reads created_at_old
-- phase 5: contract (own migration)
SET lock_timeout = '2s';
ALTER TABLE accounts DROP COLUMN created_at_old;
