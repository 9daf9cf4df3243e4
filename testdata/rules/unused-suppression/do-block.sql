-- migsafe-test: --enable require-concurrent-index-creation
-- Suppressions reach the statements inside a DO block.
-- expect: unused-suppression "matches no finding on the statement"
DO $$
BEGIN
  -- migsafe-ignore require-concurrent-index-creation: users holds 40 rows
  CREATE INDEX users_email_idx ON users (email);
  CREATE INDEX users_name_idx ON users (name); -- migsafe-ignore require-concurrent-index-creation: 40 rows
  -- migsafe-ignore require-concurrent-index-creation: left over
  ALTER TABLE users ADD COLUMN nickname text;
END
$$;
