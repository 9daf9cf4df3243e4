-- migsafe-test: --enable require-concurrent-index-creation --enable changing-column-type
CREATE TABLE accounts (id bigint PRIMARY KEY, email text NOT NULL);
CREATE INDEX accounts_email_idx ON accounts (email);
