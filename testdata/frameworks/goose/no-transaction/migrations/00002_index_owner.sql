-- +goose Up
-- expect: concurrently-in-transaction "goose"
CREATE INDEX CONCURRENTLY accounts_owner_lower_idx ON accounts (lower(owner));

-- +goose Down
DROP INDEX accounts_owner_lower_idx;
