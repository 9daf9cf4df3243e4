-- Statements that refuse to run inside a transaction block. Each runs in its
-- own session while a second session samples its locks from pg_locks, so a
-- lock held only for an instant can be missed. What keeps a phase in view:
-- an alongside transaction the statement has to wait for (the CONCURRENTLY
-- forms wait for writers or for every user of the table), an index on
-- slow_identity (which sleeps on one row), cost-based vacuum delay.
-- Rewrites and scans are exact.

-- CREATE INDEX CONCURRENTLY: SHARE UPDATE EXCLUSIVE on the table for all phases.
-- It waits for writers before it builds.
-- observe: concurrent
-- alongside: BEGIN; LOCK TABLE t IN ROW EXCLUSIVE MODE; SELECT pg_sleep(0.2); COMMIT
CREATE INDEX CONCURRENTLY t_e_idx ON t (e);
-- observe: concurrent
CREATE INDEX CONCURRENTLY t_slow_idx ON t (slow_identity(id));
-- observe: concurrent
-- alongside: BEGIN; LOCK TABLE t IN ROW EXCLUSIVE MODE; SELECT pg_sleep(0.2); COMMIT
CREATE UNIQUE INDEX CONCURRENTLY t_id_e_uidx ON t (id, e);
-- observe: concurrent
CREATE INDEX CONCURRENTLY IF NOT EXISTS t_c_idx ON t (c);
-- observe: concurrent
-- alongside: BEGIN; LOCK TABLE pt1 IN ROW EXCLUSIVE MODE; SELECT pg_sleep(0.2); COMMIT
CREATE INDEX CONCURRENTLY pt1_k_idx ON pt1 (k);
-- observe: concurrent
-- expect-error: cannot create index on partitioned table "pt" concurrently
CREATE INDEX CONCURRENTLY pt_k_idx ON pt (k);

-- DROP INDEX CONCURRENTLY waits for every transaction that uses the table.
-- observe: concurrent
-- alongside: BEGIN; LOCK TABLE t IN ACCESS SHARE MODE; SELECT pg_sleep(0.2); COMMIT
DROP INDEX CONCURRENTLY t_c_idx;
-- observe: concurrent
DROP INDEX CONCURRENTLY IF EXISTS no_such_index;
-- observe: concurrent
-- setup: CREATE INDEX pt_k_idx ON pt (k)
-- expect-error: cannot drop partitioned index "pt_k_idx" concurrently
DROP INDEX CONCURRENTLY pt_k_idx;

-- observe: concurrent
-- alongside: BEGIN; LOCK TABLE t IN ROW EXCLUSIVE MODE; SELECT pg_sleep(0.2); COMMIT
REINDEX INDEX CONCURRENTLY t_c_idx;
-- setup: CREATE INDEX t_slow_idx ON t (slow_identity(id))
-- observe: concurrent
REINDEX INDEX CONCURRENTLY t_slow_idx;
-- observe: concurrent
-- alongside: BEGIN; LOCK TABLE t IN ROW EXCLUSIVE MODE; SELECT pg_sleep(0.2); COMMIT
REINDEX TABLE CONCURRENTLY t;
-- A partitioned table is reindexed one partition per transaction.
-- setup: CREATE INDEX pt_k_idx ON pt (k)
-- observe: concurrent
REINDEX TABLE pt;
-- setup: CREATE INDEX pt_k_idx ON pt (k)
-- observe: concurrent
REINDEX INDEX pt_k_idx;

-- DETACH ... CONCURRENTLY waits for every transaction that uses the parent,
-- then takes ACCESS EXCLUSIVE on the partition.
-- observe: concurrent
-- alongside: BEGIN; LOCK TABLE ONLY pt IN ACCESS SHARE MODE; SELECT pg_sleep(0.2); COMMIT
ALTER TABLE pt DETACH PARTITION pt1 CONCURRENTLY;
-- unobservable: needs a DETACH ... CONCURRENTLY that was interrupted, which a case cannot set up
ALTER TABLE pt DETACH PARTITION pt1 FINALIZE;

-- setup: SET vacuum_cost_delay = '5ms'
-- setup: SET vacuum_cost_limit = 1
-- observe: concurrent
VACUUM t;
-- setup: SET vacuum_cost_delay = '5ms'
-- setup: SET vacuum_cost_limit = 1
-- observe: concurrent
VACUUM (ANALYZE) t;
-- setup: SET vacuum_cost_delay = '5ms'
-- setup: SET vacuum_cost_limit = 1
-- observe: concurrent
VACUUM (FREEZE) t;
-- setup: SET vacuum_cost_delay = '5ms'
-- setup: SET vacuum_cost_limit = 1
-- observe: concurrent
VACUUM pt;
-- observe: concurrent
VACUUM FULL t;
-- setup: ALTER TABLE t CLUSTER ON t_c_idx
-- observe: concurrent
CLUSTER;
