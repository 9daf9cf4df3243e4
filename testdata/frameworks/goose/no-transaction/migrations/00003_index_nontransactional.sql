-- +goose NO TRANSACTION
-- +goose Up
-- goose runs each statement on its own: both run outside a transaction.
CREATE INDEX CONCURRENTLY IF NOT EXISTS accounts_id_owner_idx ON accounts (id, owner);
DROP INDEX CONCURRENTLY IF EXISTS accounts_owner_idx;

-- +goose Down
DROP INDEX CONCURRENTLY IF EXISTS accounts_id_owner_idx;
