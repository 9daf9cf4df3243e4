-- expect: add-column-serial-or-identity "ADD COLUMN seq bigserial on existing table events rewrites the table and its indexes under ACCESS EXCLUSIVE lock, blocking reads and writes"
ALTER TABLE events ADD COLUMN seq bigserial;

-- expect: add-column-serial-or-identity "GENERATED ALWAYS AS IDENTITY"
ALTER TABLE IF EXISTS ONLY app."Tickets" ADD COLUMN "Number" integer GENERATED ALWAYS AS IDENTITY;

-- expect: add-column-serial-or-identity "ADD COLUMN id serial"
ALTER TABLE legacy ADD COLUMN id serial PRIMARY KEY, ADD COLUMN note text;
