-- phase 1: expand (own migration)
SET lock_timeout = '2s';
ALTER TABLE users ADD COLUMN id_new varchar(255);
CREATE FUNCTION users_id_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.id_new := NEW.id::varchar(255);
  RETURN NEW;
END
$$;
CREATE TRIGGER users_id_sync BEFORE INSERT OR UPDATE ON users
  FOR EACH ROW EXECUTE FUNCTION users_id_sync();
-- phase 2: backfill (own migration, outside a transaction)
DO $$
DECLARE
  updated integer;
BEGIN
  LOOP
    UPDATE users SET id_new = id::varchar(255)
    WHERE ctid = ANY (ARRAY(SELECT ctid FROM users WHERE id_new IS NULL AND id IS NOT NULL LIMIT 5000));
    GET DIAGNOSTICS updated = ROW_COUNT;
    EXIT WHEN updated = 0;
    COMMIT;
    PERFORM pg_sleep(0.05);
  END LOOP;
END
$$;
-- before the next phase: build the indexes, NOT NULL (through a validated CHECK) and foreign keys of id on id_new concurrently / NOT VALID first (the schema is unknown: check views, policies and triggers too); then deploy application code that accepts the new type
-- phase 3: switch (own migration)
SET lock_timeout = '2s';
BEGIN;
DROP TRIGGER users_id_sync ON users;
DROP FUNCTION users_id_sync();
ALTER TABLE users RENAME COLUMN id TO id_old;
ALTER TABLE users RENAME COLUMN id_new TO id;
COMMIT;
-- before the next phase: deploy application code that no longer reads id_old
-- phase 4: contract (own migration)
SET lock_timeout = '2s';
ALTER TABLE users DROP COLUMN id_old;
