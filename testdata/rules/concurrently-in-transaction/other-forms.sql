-- Statements PostgreSQL 15 refuses inside a transaction block besides the
-- CONCURRENTLY ones (each measured: "... cannot run inside a transaction block").
CREATE TABLE events (id bigint, at date) PARTITION BY RANGE (at);
CREATE INDEX events_at_idx ON events (at);
CREATE TABLE accounts (id bigint);
CREATE INDEX accounts_id_idx ON accounts (id);
BEGIN;
-- expect: concurrently-in-transaction
CLUSTER events USING events_at_idx;
COMMIT;
-- A partitioned table's or index's partitions are reindexed a transaction each.
BEGIN;
-- expect: concurrently-in-transaction
REINDEX TABLE events;
-- expect: concurrently-in-transaction
REINDEX INDEX events_at_idx;
REINDEX TABLE accounts;
COMMIT;
BEGIN;
-- expect: concurrently-in-transaction
CLUSTER;
-- expect: concurrently-in-transaction
REINDEX SCHEMA public;
-- expect: concurrently-in-transaction
CREATE DATABASE reporting;
-- expect: concurrently-in-transaction
ALTER SYSTEM SET work_mem = '64MB';
COMMIT;
-- A plain table is clustered in one transaction: allowed in a block.
BEGIN;
CLUSTER accounts USING accounts_id_idx;
COMMIT;
-- Outside a block, every one of them runs.
CLUSTER events USING events_at_idx;
CLUSTER;
REINDEX SCHEMA public;
