-- migsafe-test: --assume-in-transaction
-- The runner commits its own transaction; a BEGIN inside it is transaction-nesting's case.
BEGIN;
ALTER TABLE users ADD COLUMN nickname text;
