-- migsafe-test: --schema=context/legacy.sql
-- The mismatch predates the statement: not this migration's doing.
ALTER TABLE comments ADD COLUMN body text;
ALTER TABLE users ALTER COLUMN id TYPE bigint;
-- expect: foreign-key-type-mismatch "public.comments.user_id is smallint"
ALTER TABLE comments ALTER COLUMN user_id TYPE smallint;
