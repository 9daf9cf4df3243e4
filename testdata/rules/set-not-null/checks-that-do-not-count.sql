-- NOT VALID: the CHECK does not prove anything yet.
ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID;
-- expect: set-not-null "users_email_nn is NOT VALID"
ALTER TABLE users ALTER COLUMN email SET NOT NULL;

-- An OR does not prove the column not null.
ALTER TABLE users ADD CONSTRAINT users_name_or_login CHECK (name IS NOT NULL OR login IS NOT NULL);
-- expect: set-not-null
ALTER TABLE users ALTER COLUMN name SET NOT NULL;

-- Dropped in the same ALTER TABLE, the CHECK no longer spares the scan (measured).
ALTER TABLE accounts ADD CONSTRAINT accounts_owner_nn CHECK (owner_id IS NOT NULL);
-- expect: set-not-null "dropped in the same ALTER TABLE"
ALTER TABLE accounts ALTER COLUMN owner_id SET NOT NULL, DROP CONSTRAINT accounts_owner_nn;

-- A CHECK on another column.
ALTER TABLE accounts ADD CONSTRAINT accounts_plan_nn CHECK (plan IS NOT NULL);
-- expect: set-not-null "ALTER COLUMN region SET NOT NULL"
ALTER TABLE accounts ALTER COLUMN region SET NOT NULL;
