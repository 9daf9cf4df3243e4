CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_email_key ON users (email);
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;
ALTER TABLE accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY USING INDEX accounts_id_key;

-- A table created earlier in the same migration.
CREATE TABLE teams (id bigint, name text);
ALTER TABLE teams ADD PRIMARY KEY (id);
ALTER TABLE teams ADD CONSTRAINT teams_name_key UNIQUE (name);
ALTER TABLE teams ADD COLUMN slug text UNIQUE;
