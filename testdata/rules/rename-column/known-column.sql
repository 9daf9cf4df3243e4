-- migsafe-test: --schema=context/users.sql
-- With the column known, the plan adds the new column of the same type (and
-- collation), keeps both in step with a trigger, moves NOT NULL and the default,
-- and names what depends on the old column.
-- expect: rename-column "RENAME COLUMN name TO full_name on existing table users"
ALTER TABLE users RENAME COLUMN name TO full_name;
-- expect: rename-column "RENAME COLUMN nickname TO handle"
ALTER TABLE users RENAME COLUMN nickname TO handle;
-- expect: rename-column "RENAME COLUMN email TO login"
ALTER TABLE users RENAME COLUMN email TO login;
