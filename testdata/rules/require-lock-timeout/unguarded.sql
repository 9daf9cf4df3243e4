-- expect: require-lock-timeout "takes ACCESS EXCLUSIVE lock on users"
ALTER TABLE users ADD COLUMN plan text;
-- Reported once until the timeout is set.
ALTER TABLE users ADD COLUMN region text;
SET lock_timeout = '2s';
CREATE INDEX CONCURRENTLY users_plan_idx ON users (plan);
ALTER TABLE app.orders ADD COLUMN note text;
RESET lock_timeout;
-- expect: require-lock-timeout "SHARE lock on app.orders"
CREATE INDEX orders_note_idx ON app.orders (note);
-- New tables and weak locks need no timeout.
CREATE TABLE drafts (id bigint);
ALTER TABLE drafts ADD COLUMN body text;
