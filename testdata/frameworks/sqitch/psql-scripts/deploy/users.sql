-- Deploy flipr:users to pg

BEGIN;

CREATE TABLE flipr.users (nickname text PRIMARY KEY, email text, name text);

COMMIT;
