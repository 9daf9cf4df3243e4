-- phase 1: expand (own migration, outside a transaction)
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_email_key ON users (email);
-- before the next phase: check that the index is valid (pg_index.indisvalid); if the build failed, drop it and fix the duplicates first
-- phase 2: switch (own migration)
SET lock_timeout = '2s';
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;
-- phase 1: expand (own migration, outside a transaction)
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS memberships_team_id_user_id_key ON app.memberships (team_id, user_id) INCLUDE (role);
-- before the next phase: check that the index is valid (pg_index.indisvalid); if the build failed, drop it and fix the duplicates first
-- phase 2: switch (own migration)
SET lock_timeout = '2s';
ALTER TABLE app.memberships ADD CONSTRAINT memberships_team_id_user_id_key UNIQUE USING INDEX memberships_team_id_user_id_key;
-- phase 1: validate (own migration, outside a transaction)
SET lock_timeout = '2s';
ALTER TABLE "Accounts" ADD CONSTRAINT "Accounts_Id_not_null_check" CHECK ("Id" IS NOT NULL) NOT VALID;
ALTER TABLE "Accounts" VALIDATE CONSTRAINT "Accounts_Id_not_null_check";
ALTER TABLE "Accounts" ALTER COLUMN "Id" SET NOT NULL;
ALTER TABLE "Accounts" DROP CONSTRAINT IF EXISTS "Accounts_Id_not_null_check";
-- phase 2: expand (own migration, outside a transaction)
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "Accounts_pkey" ON "Accounts" ("Id");
-- before the next phase: check that the index is valid (pg_index.indisvalid); if the build failed, drop it and fix the duplicates first
-- phase 3: switch (own migration)
SET lock_timeout = '2s';
ALTER TABLE "Accounts" ADD CONSTRAINT "Accounts_pkey" PRIMARY KEY USING INDEX "Accounts_pkey";
-- phase 1: expand
SET lock_timeout = '2s';
ALTER TABLE articles
  ADD COLUMN slug text;
-- phase 2: expand (own migration, outside a transaction)
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS slug_key ON articles (slug) NULLS NOT DISTINCT;
-- before the next phase: check that the index is valid (pg_index.indisvalid); if the build failed, drop it and fix the duplicates first
-- phase 3: switch (own migration)
SET lock_timeout = '2s';
ALTER TABLE articles ADD CONSTRAINT slug_key UNIQUE USING INDEX slug_key DEFERRABLE INITIALLY DEFERRED;
