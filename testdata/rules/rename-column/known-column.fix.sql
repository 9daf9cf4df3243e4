-- phase 1: expand (own migration)
SET lock_timeout = '2s';
ALTER TABLE users ADD COLUMN full_name text;
ALTER TABLE users ALTER COLUMN full_name SET DEFAULT '';
ALTER TABLE users ALTER COLUMN name DROP DEFAULT;
CREATE FUNCTION users_full_name_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.full_name := COALESCE(NEW.full_name, NEW.name);
    NEW.name := COALESCE(NEW.name, NEW.full_name);
  ELSIF NEW.full_name IS DISTINCT FROM OLD.full_name THEN
    NEW.name := NEW.full_name;
  ELSE
    NEW.full_name := NEW.name;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER users_full_name_sync BEFORE INSERT OR UPDATE ON users
  FOR EACH ROW EXECUTE FUNCTION users_full_name_sync();
-- phase 2: backfill (own migration, outside a transaction)
DO $$
DECLARE
  updated integer;
BEGIN
  LOOP
    UPDATE users SET full_name = name
    WHERE ctid = ANY (ARRAY(SELECT ctid FROM users WHERE full_name IS NULL AND name IS NOT NULL LIMIT 5000));
    GET DIAGNOSTICS updated = ROW_COUNT;
    EXIT WHEN updated = 0;
    COMMIT;
    PERFORM pg_sleep(0.05);
  END LOOP;
END
$$;
-- phase 3: validate (own migration, outside a transaction)
SET lock_timeout = '2s';
ALTER TABLE users ADD CONSTRAINT users_full_name_not_null_check CHECK (full_name IS NOT NULL) NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT users_full_name_not_null_check;
ALTER TABLE users ALTER COLUMN full_name SET NOT NULL;
ALTER TABLE users DROP CONSTRAINT IF EXISTS users_full_name_not_null_check;
-- before the next phase: deploy code that reads and writes full_name (the trigger keeps name equal for the code still running)
-- phase 4: contract (own migration)
SET lock_timeout = '2s';
DROP TRIGGER users_full_name_sync ON users;
DROP FUNCTION users_full_name_sync();
ALTER TABLE users DROP COLUMN name;
-- phase 1: expand (own migration)
SET lock_timeout = '2s';
ALTER TABLE users ADD COLUMN handle character varying(40) COLLATE "C";
CREATE FUNCTION users_handle_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.handle := COALESCE(NEW.handle, NEW.nickname);
    NEW.nickname := COALESCE(NEW.nickname, NEW.handle);
  ELSIF NEW.handle IS DISTINCT FROM OLD.handle THEN
    NEW.nickname := NEW.handle;
  ELSE
    NEW.handle := NEW.nickname;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER users_handle_sync BEFORE INSERT OR UPDATE ON users
  FOR EACH ROW EXECUTE FUNCTION users_handle_sync();
-- phase 2: backfill (own migration, outside a transaction)
DO $$
DECLARE
  updated integer;
BEGIN
  LOOP
    UPDATE users SET handle = nickname
    WHERE ctid = ANY (ARRAY(SELECT ctid FROM users WHERE handle IS NULL AND nickname IS NOT NULL LIMIT 5000));
    GET DIAGNOSTICS updated = ROW_COUNT;
    EXIT WHEN updated = 0;
    COMMIT;
    PERFORM pg_sleep(0.05);
  END LOOP;
END
$$;
-- before the next phase: deploy code that reads and writes handle (the trigger keeps nickname equal for the code still running)
-- phase 3: contract (own migration)
SET lock_timeout = '2s';
DROP TRIGGER users_handle_sync ON users;
DROP FUNCTION users_handle_sync();
ALTER TABLE users DROP COLUMN nickname;
-- phase 1: expand (own migration)
SET lock_timeout = '2s';
ALTER TABLE users ADD COLUMN login text;
CREATE FUNCTION users_login_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.login := COALESCE(NEW.login, NEW.email);
    NEW.email := COALESCE(NEW.email, NEW.login);
  ELSIF NEW.login IS DISTINCT FROM OLD.login THEN
    NEW.email := NEW.login;
  ELSE
    NEW.login := NEW.email;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER users_login_sync BEFORE INSERT OR UPDATE ON users
  FOR EACH ROW EXECUTE FUNCTION users_login_sync();
-- phase 2: backfill (own migration, outside a transaction)
DO $$
DECLARE
  updated integer;
BEGIN
  LOOP
    UPDATE users SET login = email
    WHERE ctid = ANY (ARRAY(SELECT ctid FROM users WHERE login IS NULL AND email IS NOT NULL LIMIT 5000));
    GET DIAGNOSTICS updated = ROW_COUNT;
    EXIT WHEN updated = 0;
    COMMIT;
    PERFORM pg_sleep(0.05);
  END LOOP;
END
$$;
-- before the next phase: deploy code that reads and writes login (the trigger keeps email equal for the code still running); recreate on login by hand: view public.user_emails, index users_email_idx on public.users
-- phase 3: contract (own migration)
SET lock_timeout = '2s';
DROP TRIGGER users_login_sync ON users;
DROP FUNCTION users_login_sync();
ALTER TABLE users DROP COLUMN email;
