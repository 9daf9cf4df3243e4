-- Deploy flipr:users_name_idx to pg

BEGIN;

-- expect: concurrently-in-transaction "explicit BEGIN"
CREATE INDEX CONCURRENTLY users_name_idx ON flipr.users (name);

COMMIT;
