REINDEX TABLE CONCURRENTLY users;
REINDEX (CONCURRENTLY, VERBOSE) INDEX app.users_email_idx;
REINDEX SCHEMA CONCURRENTLY app;
-- System catalogs cannot be reindexed concurrently.
REINDEX SYSTEM shop;
REINDEX TABLE pg_catalog.pg_class;
REINDEX SCHEMA pg_catalog;
-- A table created earlier in the same migration.
CREATE TABLE drafts (id bigint PRIMARY KEY, title text);
CREATE INDEX drafts_title_idx ON drafts (title);
REINDEX TABLE drafts;
REINDEX INDEX drafts_title_idx;
