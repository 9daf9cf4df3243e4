-- migsafe-test: --schema=context/schools.sql
-- The schema says id is NOT NULL already: the plan goes straight to the
-- concurrent unique index, with no CHECK phase to prove NOT NULL.
-- expect: add-unique-constraint "ADD CONSTRAINT schools_pkey PRIMARY KEY on existing table schools"
ALTER TABLE schools ADD PRIMARY KEY (id);
