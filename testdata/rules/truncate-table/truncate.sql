-- expect: truncate-table "TRUNCATE sessions deletes every row under ACCESS EXCLUSIVE lock"
TRUNCATE sessions;
-- expect: truncate-table "CASCADE also empties"
TRUNCATE TABLE ONLY app.users RESTART IDENTITY CASCADE;
-- expect: truncate-table "a"
-- expect: truncate-table "b"
TRUNCATE a, b;
CREATE TABLE staging_import (id bigint);
INSERT INTO staging_import SELECT id FROM users;
TRUNCATE staging_import;
