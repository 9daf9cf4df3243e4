BEGIN;
ALTER TABLE users ADD COLUMN nickname text;
-- expect: transaction-nesting "while the transaction opened by an earlier BEGIN"
BEGIN;
ALTER TABLE orders ADD COLUMN note text;
COMMIT;

-- After COMMIT a new transaction may begin; savepoints nest legitimately.
BEGIN;
SAVEPOINT before_backfill;
UPDATE users SET nickname = name WHERE id < 1000;
ROLLBACK TO SAVEPOINT before_backfill;
RELEASE SAVEPOINT before_backfill;
start transaction; -- expect: transaction-nesting "START TRANSACTION while"
END;
