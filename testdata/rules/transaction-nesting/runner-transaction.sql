-- migsafe-test: --assume-in-transaction
-- expect: transaction-nesting "BEGIN inside the transaction the migration runner wraps"
BEGIN;
ALTER TABLE users ADD COLUMN nickname text;
-- expect: transaction-nesting "the statements after it run without a transaction"
COMMIT;
-- The runner's transaction is over: this runs in autocommit.
ALTER TABLE orders ADD COLUMN note text;
