CREATE DOMAIN account_id AS bigint CHECK (VALUE > 0);
CREATE TABLE accounts (id bigint PRIMARY KEY, code varchar(20) UNIQUE);
-- Same type, serial (an integer) against integer, modifiers and domains over the same base.
CREATE TABLE sessions (id bigserial PRIMARY KEY, account_id bigint REFERENCES accounts (id));
CREATE TABLE grants (id serial PRIMARY KEY, account account_id REFERENCES accounts, code varchar(40) REFERENCES accounts (code));
CREATE TABLE grant_logs (grant_id integer REFERENCES grants);
-- A table migsafe never saw: types unknown.
ALTER TABLE legacy_events ADD CONSTRAINT legacy_events_account_fkey FOREIGN KEY (account_id) REFERENCES accounts NOT VALID;
-- The type of a column that no key involves.
ALTER TABLE sessions ADD COLUMN note varchar(10), ALTER COLUMN note TYPE text;
