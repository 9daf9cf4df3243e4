-- phase 1: expand (own migration, outside a transaction)
REINDEX TABLE CONCURRENTLY users;
-- before the next phase: none; if it fails, drop the leftover INVALID *_ccnew index and run it again
-- phase 1: expand (own migration, outside a transaction)
SET lock_timeout = '2s';
REINDEX INDEX CONCURRENTLY app.users_email_idx;
-- before the next phase: none; if it fails, drop the leftover INVALID *_ccnew index and run it again
-- phase 1: expand (own migration, outside a transaction)
SET lock_timeout = '2s';
REINDEX (VERBOSE) INDEX CONCURRENTLY "Users_Login_idx";
-- before the next phase: none; if it fails, drop the leftover INVALID *_ccnew index and run it again
-- phase 1: expand (own migration, outside a transaction)
REINDEX SCHEMA CONCURRENTLY app;
-- before the next phase: none; if it fails, drop the leftover INVALID *_ccnew index and run it again
-- phase 1: expand (own migration, outside a transaction)
REINDEX DATABASE CONCURRENTLY shop;
-- before the next phase: none; if it fails, drop the leftover INVALID *_ccnew index and run it again
