-- phase 1: validate (own migration, outside a transaction)
SET lock_timeout = '2s';
ALTER TABLE users ADD CONSTRAINT users_email_not_null_check CHECK (email IS NOT NULL) NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT users_email_not_null_check;
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
ALTER TABLE users DROP CONSTRAINT IF EXISTS users_email_not_null_check;
-- phase 1: validate (own migration, outside a transaction)
SET lock_timeout = '2s';
ALTER TABLE app."Orders" ADD CONSTRAINT "Orders_Total_not_null_check" CHECK ("Total" IS NOT NULL) NOT VALID;
ALTER TABLE app."Orders" VALIDATE CONSTRAINT "Orders_Total_not_null_check";
ALTER TABLE app."Orders" ALTER COLUMN "Total" SET NOT NULL;
ALTER TABLE app."Orders" DROP CONSTRAINT IF EXISTS "Orders_Total_not_null_check";
-- phase 1: expand
SET lock_timeout = '2s';
ALTER TABLE pairs ALTER COLUMN c SET DEFAULT 0;
-- phase 2: validate (own migration, outside a transaction)
SET lock_timeout = '2s';
ALTER TABLE pairs ADD CONSTRAINT pairs_a_not_null_check CHECK (a IS NOT NULL) NOT VALID,
  ADD CONSTRAINT pairs_b_not_null_check CHECK (b IS NOT NULL) NOT VALID;
ALTER TABLE pairs VALIDATE CONSTRAINT pairs_a_not_null_check;
ALTER TABLE pairs VALIDATE CONSTRAINT pairs_b_not_null_check;
ALTER TABLE pairs ALTER COLUMN a SET NOT NULL,
  ALTER COLUMN b SET NOT NULL;
ALTER TABLE pairs DROP CONSTRAINT IF EXISTS pairs_a_not_null_check,
  DROP CONSTRAINT IF EXISTS pairs_b_not_null_check;
