-- Names PostgreSQL chooses when the migration does not give one.
CREATE TABLE accounts_email_key (id integer);
CREATE TABLE accounts (
    id bigserial PRIMARY KEY,
    email text UNIQUE,
    tenant_id integer,
    score integer CHECK (score > 0),
    low integer,
    high integer,
    CHECK (low < high),
    UNIQUE (tenant_id, id)
);
CREATE TABLE members (
    account_id bigint REFERENCES accounts,
    tenant_id integer,
    FOREIGN KEY (tenant_id, account_id) REFERENCES accounts (tenant_id, id)
);
CREATE INDEX ON members (account_id);
CREATE INDEX ON members (account_id);
CREATE INDEX ON members (lower(tenant_id::text), (tenant_id + 1), lower(account_id::text));
CREATE UNIQUE INDEX ON members (tenant_id) INCLUDE (account_id);
ALTER TABLE members ADD CHECK (tenant_id IS NOT NULL);
ALTER TABLE members ADD CHECK (tenant_id > 0);
ALTER TABLE members ADD CHECK (tenant_id > account_id);
ALTER TABLE members ADD UNIQUE (account_id);
CREATE TABLE a_table_whose_name_is_long_enough_to_need_truncation_in_names (
    a_column_whose_name_is_also_long_enough_to_be_truncated integer PRIMARY KEY,
    other integer UNIQUE
);
CREATE TABLE copy_all (LIKE members INCLUDING ALL, own integer);
