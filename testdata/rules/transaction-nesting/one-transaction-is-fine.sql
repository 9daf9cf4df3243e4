BEGIN;
ALTER TABLE users ADD COLUMN nickname text;
COMMIT;
-- A stray COMMIT outside any transaction only draws a warning from PostgreSQL.
COMMIT;
ROLLBACK;
