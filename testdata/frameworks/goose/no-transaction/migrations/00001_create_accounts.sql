-- +goose Up
CREATE TABLE accounts (id bigint PRIMARY KEY, owner text NOT NULL);

-- +goose StatementBegin
CREATE FUNCTION touch_account() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.owner := lower(NEW.owner);
  RETURN NEW;
END
$$
-- +goose StatementEnd
CREATE INDEX accounts_owner_idx ON accounts (owner);

-- +goose Down
DROP TABLE accounts;
