-- expect: prefer-robust-stmts "CREATE TABLE users without IF NOT EXISTS runs outside a transaction"
CREATE TABLE users (id bigint PRIMARY KEY, email text);
CREATE TABLE IF NOT EXISTS orders (id bigint PRIMARY KEY);
-- expect: prefer-robust-stmts "CREATE TABLE app."
CREATE TABLE app."Accounts" (id bigint);
CREATE TEMP TABLE scratch (id int);
-- expect: prefer-robust-stmts "CREATE SEQUENCE order_numbers"
CREATE UNLOGGED SEQUENCE order_numbers;
-- expect: prefer-robust-stmts "CREATE SCHEMA billing"
CREATE SCHEMA billing;
-- expect: prefer-robust-stmts "CREATE EXTENSION pg_trgm"
create extension pg_trgm;
CREATE EXTENSION IF NOT EXISTS citext;
-- expect: prefer-robust-stmts "CREATE MATERIALIZED VIEW totals"
CREATE MATERIALIZED VIEW totals AS SELECT count(*) AS n FROM orders;
-- expect: prefer-robust-stmts "CREATE INDEX users_email_idx"
CREATE UNIQUE INDEX users_email_idx ON users (email);
-- expect: prefer-robust-stmts "builds a second copy"
CREATE INDEX ON users (email);
-- No IF NOT EXISTS form exists for these.
CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE VIEW active_users AS SELECT * FROM users;
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);
