-- phase 1: switch (own migration)
SET lock_timeout = '2s';
BEGIN;
ALTER TABLE users RENAME TO accounts;
CREATE VIEW users WITH (security_invoker = true) AS SELECT * FROM accounts;
COMMIT;
-- before the next phase: deploy code that uses accounts; until then the view users serves the old code (simple views accept INSERT, UPDATE and DELETE)
-- phase 2: contract (own migration)
SET lock_timeout = '2s';
DROP VIEW users;
-- phase 1: switch (own migration)
SET lock_timeout = '2s';
BEGIN;
ALTER TABLE app.orders RENAME TO purchases;
CREATE VIEW app.orders WITH (security_invoker = true) AS SELECT * FROM app.purchases;
COMMIT;
-- before the next phase: deploy code that uses app.purchases; until then the view app.orders serves the old code (simple views accept INSERT, UPDATE and DELETE)
-- phase 2: contract (own migration)
SET lock_timeout = '2s';
DROP VIEW app.orders;
