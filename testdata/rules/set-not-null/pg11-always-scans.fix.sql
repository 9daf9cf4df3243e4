-- phase 1: validate (own migration, outside a transaction)
SET lock_timeout = '2s';
ALTER TABLE users ADD CONSTRAINT users_email_not_null_check CHECK (email IS NOT NULL) NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT users_email_not_null_check;
-- before the next phase: keep the CHECK: before PostgreSQL 12, SET NOT NULL scans the table even with it
