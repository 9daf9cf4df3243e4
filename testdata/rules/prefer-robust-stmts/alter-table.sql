-- expect: prefer-robust-stmts "ADD COLUMN nickname"
-- expect: prefer-robust-stmts "DROP COLUMN legacy"
ALTER TABLE users ADD COLUMN nickname text, DROP COLUMN legacy;
ALTER TABLE users ADD COLUMN IF NOT EXISTS city text, DROP COLUMN IF EXISTS zip;
-- expect: prefer-robust-stmts "DROP CONSTRAINT users_zip_check"
ALTER TABLE ONLY public.users DROP CONSTRAINT users_zip_check;
-- expect: prefer-robust-stmts "ADD COLUMN country"
ALTER TABLE "Users" ADD country text;
ALTER TABLE users ADD CONSTRAINT users_city_check CHECK (city <> '') NOT VALID;
ALTER TABLE users ALTER COLUMN city SET DEFAULT '';
