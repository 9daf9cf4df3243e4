SELECT set_config('lock_timeout', '1s', false);
ALTER TABLE users ADD COLUMN plan text;
BEGIN;
SET LOCAL lock_timeout = '1s';
ALTER TABLE users ADD COLUMN region text;
COMMIT;
-- SET LOCAL ended with the transaction; the session-level setting still holds.
ALTER TABLE users ADD COLUMN zone text;
