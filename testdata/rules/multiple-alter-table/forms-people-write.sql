-- The same table named in different spellings is still the same table.
ALTER TABLE public.users ALTER COLUMN id TYPE bigint;
-- expect: multiple-alter-table "scans or rewrites users again: 1 earlier statement"
ALTER TABLE ONLY users ALTER COLUMN email SET NOT NULL;
-- expect: multiple-alter-table "2 earlier statements"
ALTER TABLE IF EXISTS "users" ADD CONSTRAINT users_age_check CHECK (age >= 0);
-- A quoted name with capitals is another table.
ALTER TABLE "Users" ALTER COLUMN id TYPE bigint;
