-- TRUNCATE, CLUSTER, REFRESH MATERIALIZED VIEW, ANALYZE, CHECKPOINT.
-- VACUUM cannot run in a transaction: see non_transactional.sql.

TRUNCATE t;
-- expect-error: cannot truncate a table referenced in a foreign key constraint
TRUNCATE parent;
TRUNCATE parent CASCADE;
TRUNCATE t CASCADE;
TRUNCATE t, parent;
TRUNCATE t RESTART IDENTITY;
TRUNCATE audit_log RESTART IDENTITY;
TRUNCATE pt;
TRUNCATE pt1;
-- expect-error: cannot truncate only a partitioned table
TRUNCATE ONLY pt;

CLUSTER t USING t_c_idx;
-- setup: ALTER TABLE t CLUSTER ON t_c_idx
CLUSTER t;
CLUSTER mv USING mv_id_uidx;
-- expect-error: cannot run inside a transaction block
CLUSTER;
-- A partitioned table is clustered a partition per transaction.
-- setup: CREATE INDEX pt_k_idx ON pt (k)
-- expect-error: cannot run inside a transaction block
CLUSTER pt USING pt_k_idx;

REFRESH MATERIALIZED VIEW mv;
REFRESH MATERIALIZED VIEW CONCURRENTLY mv;
REFRESH MATERIALIZED VIEW mv WITH NO DATA;
-- setup: REFRESH MATERIALIZED VIEW mv WITH NO DATA
-- expect-error: CONCURRENTLY cannot be used when the materialized view is not populated
REFRESH MATERIALIZED VIEW CONCURRENTLY mv;

ANALYZE t;
ANALYZE t (c, j);
ANALYZE pt;
ANALYZE mv;
CHECKPOINT;
-- expect-error: cannot run inside a transaction block
VACUUM t;
-- expect-error: cannot run inside a transaction block
REINDEX SCHEMA public;
-- expect-error: cannot run inside a transaction block
CREATE DATABASE lock_case_scratch;
-- expect-error: cannot run inside a transaction block
ALTER SYSTEM SET work_mem = '8MB';
