-- phase 1: switch (own migration)
SET lock_timeout = '2s';
BEGIN;
ALTER TABLE events RENAME TO archived_events;
CREATE VIEW events WITH (security_invoker = true) AS SELECT * FROM archived_events;
COMMIT;
-- before the next phase: deploy code that uses archived_events; until then the view events serves the old code (simple views accept INSERT, UPDATE and DELETE)
-- phase 2: contract (own migration)
SET lock_timeout = '2s';
DROP VIEW events;
-- phase 1: switch (own migration)
SET lock_timeout = '2s';
BEGIN;
ALTER TABLE members RENAME TO people;
CREATE VIEW members WITH (security_invoker = true) AS SELECT * FROM people;
COMMIT;
-- before the next phase: deploy code that uses people; until then the view members serves the old code (simple views accept INSERT, UPDATE and DELETE)
-- phase 2: contract (own migration)
SET lock_timeout = '2s';
DROP VIEW members;
