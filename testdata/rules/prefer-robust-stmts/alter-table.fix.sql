-- phase 1: expand
ALTER TABLE users ADD COLUMN IF NOT EXISTS nickname text, DROP COLUMN IF EXISTS legacy;
-- phase 1: contract
ALTER TABLE ONLY public.users DROP CONSTRAINT IF EXISTS users_zip_check;
-- phase 1: expand
ALTER TABLE "Users" ADD IF NOT EXISTS country text;
