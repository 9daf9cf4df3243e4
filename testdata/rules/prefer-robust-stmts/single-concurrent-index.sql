-- A failed concurrent build leaves an INVALID index behind even when it is the only statement.
-- expect: prefer-robust-stmts "leaves an INVALID index"
CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
