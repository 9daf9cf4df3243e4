-- ONLY, IF EXISTS and a schema-qualified quoted table.
-- expect: rename-column "full_name"
ALTER TABLE ONLY users RENAME COLUMN name TO full_name;
-- expect: rename-column
ALTER TABLE IF EXISTS app."Orders" RENAME COLUMN "Total" TO total;
-- Renaming the table, a constraint or an index is not a column rename.
ALTER TABLE ONLY users RENAME CONSTRAINT users_email_key TO users_login_key;
