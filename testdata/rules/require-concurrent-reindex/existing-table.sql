-- expect: require-concurrent-reindex "REINDEX TABLE users takes SHARE lock on it, blocking writes, and ACCESS EXCLUSIVE on each index"
REINDEX TABLE users;
-- expect: require-concurrent-reindex "ACCESS EXCLUSIVE lock on the index and SHARE on its table"
REINDEX INDEX app.users_email_idx;
-- expect: require-concurrent-reindex
REINDEX (VERBOSE) INDEX "Users_Login_idx";
-- expect: require-concurrent-reindex "every index in it"
REINDEX SCHEMA app;
-- expect: require-concurrent-reindex "REINDEX DATABASE shop"
REINDEX DATABASE shop;
