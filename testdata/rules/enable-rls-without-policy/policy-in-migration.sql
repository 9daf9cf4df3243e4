-- A policy created before or after the ENABLE in the same migration.
CREATE POLICY documents_owner ON documents USING (owner_id = current_setting('app.user_id')::bigint);
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Projects" ENABLE ROW LEVEL SECURITY;
CREATE POLICY projects_member ON "Projects" FOR SELECT USING (true);
-- Enabled and disabled again: nothing changes for the application.
ALTER TABLE scratch ENABLE ROW LEVEL SECURITY;
ALTER TABLE scratch DISABLE ROW LEVEL SECURITY;
