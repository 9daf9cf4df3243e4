-- expect: add-unique-constraint "ADD CONSTRAINT users_email_key UNIQUE on existing table users builds its unique index under ACCESS EXCLUSIVE lock, blocking reads and writes"
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);

-- Unnamed: PostgreSQL names it <table>_<columns>_key.
-- expect: add-unique-constraint "ADD CONSTRAINT memberships_team_id_user_id_key UNIQUE"
ALTER TABLE ONLY app.memberships ADD UNIQUE (team_id, user_id) INCLUDE (role);

-- expect: add-unique-constraint "ADD CONSTRAINT Accounts_pkey PRIMARY KEY"
ALTER TABLE IF EXISTS "Accounts" ADD PRIMARY KEY ("Id");

-- expect: add-unique-constraint "slug_key"
ALTER TABLE articles
  ADD COLUMN slug text,
  ADD CONSTRAINT slug_key UNIQUE NULLS NOT DISTINCT (slug) DEFERRABLE INITIALLY DEFERRED;
