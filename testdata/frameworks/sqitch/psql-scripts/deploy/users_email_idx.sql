-- Deploy flipr:users_email_idx to pg
-- Sqitch runs the script with psql: outside BEGIN, no transaction.

CREATE INDEX CONCURRENTLY users_email_idx ON flipr.users (email);
