BEGIN;
ALTER TABLE users ADD COLUMN nickname text;
COMMIT;
-- expect: uncommitted-transaction "BEGIN is never committed"
BEGIN;
SAVEPOINT before_note;
ALTER TABLE orders ADD COLUMN note text;
RELEASE SAVEPOINT before_note;
