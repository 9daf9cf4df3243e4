-- migsafe-test: --framework=golang-migrate
-- golang-migrate sends the file as one query: BEGIN turns its implicit
-- transaction into an explicit one, which COMMIT ends.
BEGIN;
ALTER TABLE users ADD COLUMN nickname text;
ALTER TABLE orders ADD COLUMN note text;
COMMIT;
