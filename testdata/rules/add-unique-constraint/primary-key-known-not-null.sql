-- id was made NOT NULL earlier in the unit: the plan does not repeat that step.
ALTER TABLE sessions ADD CONSTRAINT sessions_id_not_null CHECK (id IS NOT NULL) NOT VALID;
ALTER TABLE sessions VALIDATE CONSTRAINT sessions_id_not_null;
ALTER TABLE sessions ALTER COLUMN id SET NOT NULL;
-- expect: add-unique-constraint "sessions_pkey PRIMARY KEY"
ALTER TABLE sessions ADD PRIMARY KEY (id);
