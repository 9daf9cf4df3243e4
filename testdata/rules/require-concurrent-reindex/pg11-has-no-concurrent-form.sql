-- migsafe-test: --pg-version=11
REINDEX TABLE users;
REINDEX INDEX users_email_idx;
