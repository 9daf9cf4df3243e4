-- Schema-qualified and quoted domain names.
-- expect: ban-alter-domain-with-add-constraint "ALTER DOMAIN app.positive_int ADD CONSTRAINT"
ALTER DOMAIN app.positive_int ADD CONSTRAINT positive CHECK (VALUE > 0);
-- expect: ban-alter-domain-with-add-constraint "ALTER DOMAIN Email ADD CONSTRAINT checks every column of the domain in every table under SHARE lock, blocking writes"
ALTER DOMAIN "Email" ADD CONSTRAINT has_at CHECK (VALUE LIKE '%@%');
ALTER DOMAIN app.positive_int ADD CONSTRAINT small CHECK (VALUE < 1000) NOT VALID;
ALTER DOMAIN "Email" DROP CONSTRAINT IF EXISTS has_at;
