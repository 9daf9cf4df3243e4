-- migsafe-test: --framework=goose
-- +goose Up
-- expect: transaction-nesting "BEGIN inside the transaction goose wraps around the migration"
BEGIN;
ALTER TABLE users ADD COLUMN nickname text;
-- expect: transaction-nesting "COMMIT inside the transaction goose wraps"
COMMIT;
