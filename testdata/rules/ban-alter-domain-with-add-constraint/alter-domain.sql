-- expect: ban-alter-domain-with-add-constraint "SHARE lock"
ALTER DOMAIN positive_int ADD CONSTRAINT positive CHECK (VALUE > 0);
ALTER DOMAIN positive_int ADD CONSTRAINT small CHECK (VALUE < 1000) NOT VALID;
ALTER DOMAIN positive_int VALIDATE CONSTRAINT small;
ALTER DOMAIN positive_int SET DEFAULT 1;
