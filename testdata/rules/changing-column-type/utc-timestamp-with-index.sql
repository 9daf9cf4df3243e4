-- migsafe-test: --schema=context/accounts.sql
-- Under a UTC session timestamp -> timestamptz keeps the rows, but the index on
-- the column is rebuilt: a warning that names the index rebuild, not a CHECK.
SET TIME ZONE 'UTC';
CREATE INDEX CONCURRENTLY accounts_created_at_idx ON accounts (created_at);
-- expect: changing-column-type "(from timestamp without time zone) takes ACCESS EXCLUSIVE lock, blocking reads and writes; the conversion needs no table rewrite, but the column's indexes are rebuilt, reading the whole table"
ALTER TABLE accounts ALTER COLUMN created_at TYPE timestamptz;
