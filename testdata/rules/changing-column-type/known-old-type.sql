-- migsafe-test: --schema=context/accounts.sql
-- Binary-coercible from the known type, nothing re-checked: instant.
ALTER TABLE accounts ALTER COLUMN name TYPE varchar(100);
ALTER TABLE accounts ALTER COLUMN name TYPE text, ALTER COLUMN amount TYPE numeric(12,2);
ALTER TABLE ONLY public.accounts ALTER COLUMN amount TYPE numeric;
-- No rewrite, but the CHECK on the column is re-validated by a scan: a warning.
-- expect: changing-column-type "TYPE text on existing table accounts (from character varying(10)) takes ACCESS EXCLUSIVE lock, blocking reads and writes; the conversion needs no table rewrite, but CHECK constraints"
ALTER TABLE accounts ALTER COLUMN code TYPE text;
-- Not binary-coercible: the old type is named, and the other end of the key is locked too.
-- expect: changing-column-type "(from integer) takes ACCESS EXCLUSIVE lock, blocking reads and writes, and ACCESS EXCLUSIVE on public.payments"
ALTER TABLE accounts ALTER COLUMN id TYPE bigint;
-- expect: changing-column-type "(from timestamp without time zone)"
ALTER TABLE accounts ALTER COLUMN created_at TYPE timestamptz;
