-- expect: ban-create-domain-with-constraint "CHECK constraint"
CREATE DOMAIN positive_int AS integer CHECK (VALUE > 0);
CREATE DOMAIN email_address AS text NOT NULL;
CREATE DOMAIN app.short_code AS text DEFAULT '' CONSTRAINT not_blank CHECK (VALUE <> ''); -- expect: ban-create-domain-with-constraint
