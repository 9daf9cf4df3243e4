-- expect: uninspected-sql "DO block in LANGUAGE plpython3u is not read by migsafe"
DO LANGUAGE plpython3u $$
plpy.execute("ALTER TABLE users ADD COLUMN nickname text")
$$;

-- expect: uninspected-sql "quoted string with escapes"
DO 'BEGIN RAISE NOTICE ''adding a column''; ALTER TABLE users ADD COLUMN city text; END';

-- A quoted body without escapes reads the same as a $$ one.
DO 'BEGIN ALTER TABLE users ADD COLUMN zip text; END';
