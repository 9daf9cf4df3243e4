-- A view under the old name that selects from the new one keeps old code working.
BEGIN;
ALTER TABLE users RENAME TO accounts;
CREATE VIEW users AS SELECT * FROM accounts;
COMMIT;
ALTER TABLE app.orders RENAME TO purchases;
CREATE VIEW app.orders WITH (security_invoker = true) AS SELECT id, total FROM app.purchases;
-- A view under the old name that reads something else does not.
-- expect: rename-table "RENAME TO archived_events of existing table events"
ALTER TABLE events RENAME TO archived_events;
CREATE VIEW events AS SELECT * FROM new_events;
-- Nor does a view under another name.
-- expect: rename-table "RENAME TO people of existing table members"
ALTER TABLE members RENAME TO people;
CREATE VIEW member_list AS SELECT * FROM people;
