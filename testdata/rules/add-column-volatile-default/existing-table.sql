-- expect: add-column-volatile-default "ADD COLUMN public_id with volatile DEFAULT gen_random_uuid() on existing table events rewrites the table and its indexes under ACCESS EXCLUSIVE lock, blocking reads and writes"
ALTER TABLE events ADD COLUMN public_id uuid DEFAULT gen_random_uuid();

-- expect: add-column-volatile-default "clock_timestamp()"
ALTER TABLE IF EXISTS ONLY app."Audit Log" ADD COLUMN "Seen At" timestamptz NOT NULL DEFAULT clock_timestamp();

-- An unknown function may be volatile.
-- expect: add-column-volatile-default "DEFAULT make_token(16)"
ALTER TABLE users
  ADD COLUMN token text DEFAULT make_token(16) REFERENCES tokens (value),
  ADD COLUMN note text;

-- expect: add-column-volatile-default "nextval('orders_number_seq')"
ALTER TABLE orders ADD COLUMN number bigint DEFAULT nextval('orders_number_seq');
