-- migrate:up transaction:false
CREATE INDEX CONCURRENTLY users_lower_email_idx ON users (lower(email));

-- migrate:down
DROP INDEX users_lower_email_idx;
