-- expect: require-concurrent-index-creation "SHARE lock, blocking writes"
CREATE INDEX users_email_idx ON users (email);

-- expect: require-concurrent-index-creation
CREATE UNIQUE INDEX users_login_key ON users (lower(login));

-- expect: require-concurrent-index-creation "app.accounts"
CREATE INDEX ON app.accounts (created_at) WHERE deleted_at IS NULL;

CREATE INDEX "Weird Name" ON "Mixed Case" ("Col"); -- expect: require-concurrent-index-creation

-- expect: require-concurrent-index-creation
CREATE INDEX IF NOT EXISTS users_name_idx ON ONLY users USING btree (name);
