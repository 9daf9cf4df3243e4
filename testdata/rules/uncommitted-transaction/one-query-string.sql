-- migsafe-test: --framework=golang-migrate
-- The file is sent as one query: the explicit transaction is still open when it ends.
ALTER TABLE users ADD COLUMN nickname text;
-- expect: uncommitted-transaction "BEGIN is never committed"
BEGIN;
ALTER TABLE orders ADD COLUMN note text;
