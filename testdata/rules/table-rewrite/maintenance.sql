-- expect: table-rewrite "VACUUM FULL events rewrites the table and its indexes under ACCESS EXCLUSIVE lock"
VACUUM FULL events;
-- expect: table-rewrite "VACUUM FULL app.orders"
-- expect: table-rewrite "VACUUM FULL users"
VACUUM (FULL, ANALYZE) app.orders, users;
-- expect: table-rewrite "VACUUM FULL without a table rewrites every eligible table"
VACUUM FULL;
-- expect: table-rewrite "CLUSTER events"
CLUSTER events USING events_created_at_idx;
-- expect: table-rewrite "CLUSTER without a table"
CLUSTER;
