-- phase 1: expand
SET lock_timeout = '2s';
ALTER TABLE users ADD COLUMN plan text;
-- before the next phase: deploy application code that writes plan on every insert, then backfill the existing rows in batches
-- phase 2: validate (own migration, outside a transaction)
SET lock_timeout = '2s';
ALTER TABLE users ADD CONSTRAINT users_plan_not_null_check CHECK (plan IS NOT NULL) NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT users_plan_not_null_check;
ALTER TABLE users ALTER COLUMN plan SET NOT NULL;
ALTER TABLE users DROP CONSTRAINT IF EXISTS users_plan_not_null_check;
-- phase 1: expand
SET lock_timeout = '2s';
ALTER TABLE IF EXISTS ONLY app."Accounts" ADD COLUMN "Region" text CHECK ("Region" <> '');
-- before the next phase: deploy application code that writes Region on every insert, then backfill the existing rows in batches
-- phase 2: validate (own migration, outside a transaction)
SET lock_timeout = '2s';
ALTER TABLE app."Accounts" ADD CONSTRAINT "Accounts_Region_not_null_check" CHECK ("Region" IS NOT NULL) NOT VALID;
ALTER TABLE app."Accounts" VALIDATE CONSTRAINT "Accounts_Region_not_null_check";
ALTER TABLE app."Accounts" ALTER COLUMN "Region" SET NOT NULL;
ALTER TABLE app."Accounts" DROP CONSTRAINT IF EXISTS "Accounts_Region_not_null_check";
-- phase 1: expand
SET lock_timeout = '2s';
ALTER TABLE users ADD COLUMN tier integer DEFAULT NULL, ADD COLUMN note text;
-- before the next phase: deploy application code that writes tier on every insert, then backfill the existing rows in batches
-- phase 2: validate (own migration, outside a transaction)
SET lock_timeout = '2s';
ALTER TABLE users ADD CONSTRAINT users_tier_not_null_check CHECK (tier IS NOT NULL) NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT users_tier_not_null_check;
ALTER TABLE users ALTER COLUMN tier SET NOT NULL;
ALTER TABLE users DROP CONSTRAINT IF EXISTS users_tier_not_null_check;
