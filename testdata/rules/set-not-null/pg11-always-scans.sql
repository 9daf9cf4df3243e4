-- migsafe-test: --pg-version=11
ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT users_email_nn;
-- expect: set-not-null "PostgreSQL 11 ignores CHECK users_email_nn"
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
