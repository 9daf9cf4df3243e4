-- rewrite-test: ignore users.token (random values differ; both databases must fill every row)
ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();
