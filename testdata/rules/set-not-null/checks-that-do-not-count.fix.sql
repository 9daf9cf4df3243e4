-- phase 1: validate (own migration, outside a transaction)
SET lock_timeout = '2s';
ALTER TABLE users ADD CONSTRAINT users_email_not_null_check CHECK (email IS NOT NULL) NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT users_email_not_null_check;
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
ALTER TABLE users DROP CONSTRAINT IF EXISTS users_email_not_null_check;
-- phase 1: validate (own migration, outside a transaction)
SET lock_timeout = '2s';
ALTER TABLE users ADD CONSTRAINT users_name_not_null_check CHECK (name IS NOT NULL) NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT users_name_not_null_check;
ALTER TABLE users ALTER COLUMN name SET NOT NULL;
ALTER TABLE users DROP CONSTRAINT IF EXISTS users_name_not_null_check;
-- phase 1: expand
SET lock_timeout = '2s';
ALTER TABLE accounts DROP CONSTRAINT accounts_owner_nn;
-- phase 2: validate (own migration, outside a transaction)
SET lock_timeout = '2s';
ALTER TABLE accounts ADD CONSTRAINT accounts_owner_id_not_null_check CHECK (owner_id IS NOT NULL) NOT VALID;
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_owner_id_not_null_check;
ALTER TABLE accounts ALTER COLUMN owner_id SET NOT NULL;
ALTER TABLE accounts DROP CONSTRAINT IF EXISTS accounts_owner_id_not_null_check;
-- phase 1: validate (own migration, outside a transaction)
SET lock_timeout = '2s';
ALTER TABLE accounts ADD CONSTRAINT accounts_region_not_null_check CHECK (region IS NOT NULL) NOT VALID;
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_region_not_null_check;
ALTER TABLE accounts ALTER COLUMN region SET NOT NULL;
ALTER TABLE accounts DROP CONSTRAINT IF EXISTS accounts_region_not_null_check;
