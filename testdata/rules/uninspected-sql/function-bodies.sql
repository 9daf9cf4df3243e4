-- expect: uninspected-sql "EXECUTE in function create_partition builds its SQL at run time"
CREATE OR REPLACE FUNCTION create_partition(day date) RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
  EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF events FOR VALUES FROM (%L) TO (%L)',
                 'events_' || to_char(day, 'YYYYMMDD'), day, day + 1);
END
$fn$;

-- expect: uninspected-sql "RETURN QUERY EXECUTE in function audit.rows_of"
CREATE FUNCTION audit.rows_of(name text) RETURNS SETOF bigint LANGUAGE plpgsql AS $$
BEGIN
  RETURN QUERY EXECUTE 'SELECT id FROM ' || quote_ident(name);
END
$$;

-- expect: uninspected-sql "EXECUTE in procedure refresh_all"
CREATE PROCEDURE refresh_all() LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE 'REFRESH MATERIALIZED VIEW totals';
END
$$;

-- Static PL/pgSQL: nothing hidden.
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$$;
