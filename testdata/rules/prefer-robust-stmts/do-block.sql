-- A DO block runs in one transaction: a failure undoes all of it.
DO $$
BEGIN
  CREATE TABLE users (id bigint PRIMARY KEY);
  DROP TABLE legacy_users;
END
$$;
-- expect: prefer-robust-stmts "DROP TABLE legacy_orders"
DROP TABLE legacy_orders;
