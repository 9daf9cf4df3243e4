-- +goose Up
-- expect: missing-down-migration "goose"
ALTER TABLE users ADD COLUMN nickname text;

-- +goose Down
