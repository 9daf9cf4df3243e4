-- expect: rename-table "accounts"
ALTER TABLE users RENAME TO accounts;
ALTER TABLE IF EXISTS app.orders RENAME TO purchases; -- expect: rename-table
CREATE TABLE drafts (title text);
ALTER TABLE drafts RENAME TO notes;
ALTER TABLE users RENAME COLUMN name TO full_name;
