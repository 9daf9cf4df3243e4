CREATE TABLE sessions (id uuid PRIMARY KEY, token varchar(64));
ALTER TABLE sessions ALTER COLUMN token TYPE text;
ALTER TABLE users ALTER COLUMN name SET DEFAULT 'anonymous';
ALTER TABLE users ALTER COLUMN name SET STATISTICS 500;
ALTER TABLE users RENAME COLUMN name TO full_name;
