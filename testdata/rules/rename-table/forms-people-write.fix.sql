-- phase 1: switch (own migration)
SET lock_timeout = '2s';
BEGIN;
ALTER TABLE "Users" RENAME TO accounts;
CREATE VIEW "Users" WITH (security_invoker = true) AS SELECT * FROM accounts;
COMMIT;
-- before the next phase: deploy code that uses accounts; until then the view Users serves the old code (simple views accept INSERT, UPDATE and DELETE)
-- phase 2: contract (own migration)
SET lock_timeout = '2s';
DROP VIEW "Users";
-- phase 1: switch (own migration)
SET lock_timeout = '2s';
BEGIN;
ALTER TABLE app."Orders" RENAME TO "Purchases";
CREATE VIEW app."Orders" WITH (security_invoker = true) AS SELECT * FROM app."Purchases";
COMMIT;
-- before the next phase: deploy code that uses app.Purchases; until then the view app.Orders serves the old code (simple views accept INSERT, UPDATE and DELETE)
-- phase 2: contract (own migration)
SET lock_timeout = '2s';
DROP VIEW app."Orders";
