-- migsafe-test: --schema=context/schema.sql
ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;
-- expect: enable-rls-without-policy "sessions"
ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
