-- The UUID -> VARCHAR scenario: users.id is referenced by foreign keys from two
-- tables, read by a row-level-security policy, and indexed (the primary key).
CREATE TABLE users (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), email text NOT NULL);
CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, user_id uuid NOT NULL REFERENCES users (id));
CREATE TABLE sessions (token text PRIMARY KEY, user_id uuid REFERENCES users);
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
CREATE POLICY users_self ON users USING (id = current_setting('app.user_id')::uuid);
