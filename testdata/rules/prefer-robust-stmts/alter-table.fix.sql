-- phase 1: expand
SET lock_timeout = '2s';
ALTER TABLE users ADD COLUMN IF NOT EXISTS nickname text, DROP COLUMN IF EXISTS legacy;
-- phase 1: contract
SET lock_timeout = '2s';
ALTER TABLE ONLY public.users DROP CONSTRAINT IF EXISTS users_zip_check;
-- phase 1: expand
SET lock_timeout = '2s';
ALTER TABLE "Users" ADD IF NOT EXISTS country text;
