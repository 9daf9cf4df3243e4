-- expect: drop-not-null "lets NULLs in"
ALTER TABLE users ALTER COLUMN email DROP NOT NULL;
ALTER TABLE users ALTER COLUMN email SET DEFAULT '';
CREATE TABLE drafts (title text NOT NULL);
ALTER TABLE drafts ALTER COLUMN title DROP NOT NULL;
