-- migsafe-test: --enable require-concurrent-index-creation
-- migsafe-ignore-file unused-suppression: these comments document intent for a later release
-- migsafe-ignore require-concurrent-index-creation: kept for when the index is rebuilt
CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
-- migsafe-ignore no-such-rule: silenced as well
SELECT 1;
