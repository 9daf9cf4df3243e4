-- migsafe-test: --schema=context/schema.sql
-- The only policy is dropped in the same migration.
-- expect: enable-rls-without-policy "accounts"
ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;
DROP POLICY accounts_owner ON accounts;
