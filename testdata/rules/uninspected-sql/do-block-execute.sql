-- expect: uninspected-sql "EXECUTE in the DO block builds its SQL at run time"
DO $$
BEGIN
  EXECUTE format('ALTER TABLE %I ADD COLUMN note text', 'orders');
END
$$;

-- expect: uninspected-sql "FOR ... IN EXECUTE in the DO block"
-- expect: uninspected-sql "EXECUTE in the DO block"
DO LANGUAGE plpgsql $body$
DECLARE
  t record;
BEGIN
  FOR t IN EXECUTE 'SELECT tablename FROM pg_tables WHERE schemaname = ''audit''' LOOP
    execute 'TRUNCATE audit.' || quote_ident(t.tablename);
  END LOOP;
END
$body$;
