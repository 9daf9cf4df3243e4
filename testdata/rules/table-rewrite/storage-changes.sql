-- expect: table-rewrite "SET UNLOGGED on existing table events rewrites the table and its indexes under ACCESS EXCLUSIVE lock, blocking reads and writes"
ALTER TABLE events SET UNLOGGED;
-- expect: table-rewrite "SET LOGGED on existing table app.events"
ALTER TABLE IF EXISTS ONLY app.events SET LOGGED;
-- expect: table-rewrite "SET TABLESPACE"
ALTER TABLE "Archive" SET TABLESPACE slow_disks;
-- expect: table-rewrite "SET ACCESS METHOD"
ALTER TABLE logs SET ACCESS METHOD heap2, SET (fillfactor = 90);
