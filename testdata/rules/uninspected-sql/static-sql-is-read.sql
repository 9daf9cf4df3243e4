-- Static SQL in a DO block is parsed and checked like top-level statements.
DO $$
DECLARE
  n bigint;
BEGIN
  SELECT count(*) INTO n FROM users;
  PERFORM set_config('lock_timeout', '2s', true);
  IF n < 1000 THEN
    ALTER TABLE users ADD COLUMN nickname text;
  ELSE
    RAISE NOTICE 'skipped: % rows', n;
  END IF;
END
$$;
-- A plain SQL function body runs when called, not here, and has no EXECUTE.
CREATE FUNCTION user_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM users $$;
