-- phase 1: backfill (own migration, outside a transaction)
DO $$
DECLARE
  deleted integer;
BEGIN
  LOOP
    DELETE FROM app.sessions
    WHERE ctid = ANY (ARRAY(SELECT ctid FROM app.sessions LIMIT 5000));
    GET DIAGNOSTICS deleted = ROW_COUNT;
    EXIT WHEN deleted = 0;
    COMMIT;
    PERFORM pg_sleep(0.05);
  END LOOP;
END
$$;
