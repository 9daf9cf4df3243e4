-- Quoted and schema-qualified names, ONLY is not accepted by RENAME TO, IF EXISTS is.
-- expect: rename-table "accounts"
ALTER TABLE "Users" RENAME TO accounts;
-- expect: rename-table "Purchases"
ALTER TABLE IF EXISTS app."Orders" RENAME TO "Purchases";
-- Renaming a view or an index is not a table rename.
ALTER VIEW active_users RENAME TO current_users;
ALTER INDEX users_email_idx RENAME TO users_login_idx;
