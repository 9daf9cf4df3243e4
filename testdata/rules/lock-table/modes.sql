BEGIN;
-- expect: lock-table "LOCK TABLE accounts takes ACCESS EXCLUSIVE lock"
LOCK TABLE accounts;
-- expect: lock-table "blocking writes"
LOCK TABLE app.orders IN SHARE MODE;
-- expect: lock-table "EXCLUSIVE"
LOCK "Invoices" IN EXCLUSIVE MODE;
-- The weak modes only keep schema changes out.
LOCK TABLE accounts IN ACCESS SHARE MODE;
LOCK TABLE accounts IN ROW SHARE MODE;
COMMIT;
BEGIN;
CREATE TABLE scratch (id bigint);
LOCK TABLE scratch;
COMMIT;
