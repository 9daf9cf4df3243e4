BEGIN;
-- expect: concurrently-in-transaction "explicit BEGIN"
CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
COMMIT;
CREATE INDEX CONCURRENTLY users_name_idx ON users (name);
START TRANSACTION;
VACUUM users; -- expect: concurrently-in-transaction
END;
VACUUM (ANALYZE) users;
