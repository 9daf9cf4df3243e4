-- migrate:up transaction:false
-- dbmate sends the section as one query: two statements share an implicit transaction.
-- expect: concurrently-in-transaction "one multi-statement query"
CREATE INDEX CONCURRENTLY users_created_idx ON users (id, email);
-- expect: concurrently-in-transaction
CREATE INDEX CONCURRENTLY users_name_email_idx ON users (name, email);

-- migrate:down
DROP INDEX users_created_idx;
DROP INDEX users_name_email_idx;
