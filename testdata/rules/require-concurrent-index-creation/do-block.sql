-- Statements inside a DO block are checked like top-level ones, with their own positions.
DO $$
BEGIN
  -- expect: require-concurrent-index-creation "users"
  CREATE INDEX users_email_idx ON users (email);
  IF NOT EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = 'users_name_idx') THEN
    -- expect: require-concurrent-index-creation
    CREATE INDEX users_name_idx ON users (name);
  END IF;
  CREATE TABLE audit_log (id bigint, at timestamptz);
  CREATE INDEX audit_log_at_idx ON audit_log (at);
END
$$;
