-- expect: enable-rls-without-policy "row-level security is enabled on documents, which has no policy"
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
-- expect: enable-rls-without-policy "app.invoices"
ALTER TABLE ONLY app.invoices ADD COLUMN tenant_id bigint, ENABLE ROW LEVEL SECURITY;
-- FORCE alone does not turn row-level security on.
ALTER TABLE notes FORCE ROW LEVEL SECURITY;
