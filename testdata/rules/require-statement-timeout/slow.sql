-- migsafe-test: --enable require-statement-timeout
-- expect: require-statement-timeout "rewrites users"
ALTER TABLE users ALTER COLUMN id TYPE bigint;
ALTER TABLE users ADD COLUMN plan text;
SET statement_timeout = '5min';
ALTER TABLE orders ALTER COLUMN id TYPE bigint;
