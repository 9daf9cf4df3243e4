-- expect: rename-column "full_name"
ALTER TABLE users RENAME COLUMN name TO full_name;
ALTER TABLE app."Users" RENAME "E-mail" TO email; -- expect: rename-column
CREATE TABLE drafts (title text);
ALTER TABLE drafts RENAME COLUMN title TO heading;
ALTER TABLE users RENAME CONSTRAINT users_name_key TO users_full_name_key;
ALTER INDEX users_name_idx RENAME TO users_full_name_idx;
