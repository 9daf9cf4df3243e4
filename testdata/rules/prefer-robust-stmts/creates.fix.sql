-- phase 1: expand
CREATE TABLE IF NOT EXISTS users (id bigint PRIMARY KEY, email text);
-- phase 1: expand
CREATE TABLE IF NOT EXISTS app."Accounts" (id bigint);
-- phase 1: expand
CREATE UNLOGGED SEQUENCE IF NOT EXISTS order_numbers;
-- phase 1: expand
CREATE SCHEMA IF NOT EXISTS billing;
-- phase 1: expand
create extension IF NOT EXISTS pg_trgm;
-- phase 1: expand
CREATE MATERIALIZED VIEW IF NOT EXISTS totals AS SELECT count(*) AS n FROM orders;
-- phase 1: expand
SET lock_timeout = '2s';
CREATE UNIQUE INDEX IF NOT EXISTS users_email_idx ON users (email);
