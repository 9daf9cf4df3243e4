DO $$
BEGIN
  -- expect: concurrently-in-transaction "the transaction PostgreSQL runs the DO block in"
  CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
END
$$;
-- After the block its transaction is over.
CREATE INDEX CONCURRENTLY users_name_idx ON users (name);
