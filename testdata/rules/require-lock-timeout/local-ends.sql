BEGIN;
SET LOCAL lock_timeout = '1s';
ALTER TABLE users ADD COLUMN region text;
COMMIT;
-- expect: require-lock-timeout "No lock_timeout"
ALTER TABLE users ADD COLUMN zone text;
