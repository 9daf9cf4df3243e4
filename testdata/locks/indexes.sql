-- Index DDL that can run inside a transaction. The CONCURRENTLY forms are in
-- non_transactional.sql.

CREATE INDEX t_e_idx ON t (e);
CREATE UNIQUE INDEX t_id_e_uidx ON t (id, e);
CREATE INDEX IF NOT EXISTS t_c_idx ON t (c);
CREATE INDEX t_lower_e_idx ON t (lower(e)) WHERE j > 100;
CREATE INDEX t_c_include_idx ON t (c) INCLUDE (e);
CREATE INDEX t_e_hash_idx ON t USING hash (e);
CREATE INDEX t_ts_brin_idx ON t USING brin (ts);
CREATE INDEX t_e_fill_idx ON t (e) WITH (fillfactor = 70);
CREATE INDEX mv_bucket_idx ON mv (bucket);
-- setup: CREATE EXTENSION pg_trgm
CREATE INDEX t_e_trgm_idx ON t USING gin (e gin_trgm_ops);
-- A partitioned index builds one index per partition.
CREATE INDEX pt_k_idx ON pt (k);
CREATE INDEX pt_k_idx ON ONLY pt (k);
CREATE INDEX pt1_k_idx ON pt1 (k);

DROP INDEX t_c_idx;
DROP INDEX IF EXISTS no_such_index;
DROP INDEX t_c_idx, t_ts_idx;
DROP INDEX mv_id_uidx;
-- expect-error: requires it
DROP INDEX t_pkey;
-- setup: CREATE INDEX pt_k_idx ON pt (k)
DROP INDEX pt_k_idx;

REINDEX INDEX t_c_idx;
REINDEX INDEX t_pkey;
REINDEX TABLE t;
REINDEX INDEX mv_id_uidx;
REINDEX TABLE mv;

ALTER INDEX t_c_idx RENAME TO t_c_idx2;
ALTER INDEX IF EXISTS no_such_index RENAME TO no_such_index2;
ALTER INDEX t_c_idx SET (fillfactor = 70);
ALTER INDEX t_c_idx RESET (fillfactor);
ALTER INDEX t_c_idx SET TABLESPACE pg_default;
-- setup: CREATE INDEX t_lower_e_idx ON t (lower(e))
ALTER INDEX t_lower_e_idx ALTER COLUMN 1 SET STATISTICS 500;
-- setup: CREATE INDEX pt_k_idx ON ONLY pt (k)
-- setup: CREATE INDEX pt1_k_idx ON pt1 (k)
ALTER INDEX pt_k_idx ATTACH PARTITION pt1_k_idx;
ALTER INDEX t_c_idx DEPENDS ON EXTENSION plpgsql;
-- expect-error: cannot run inside a transaction block
CREATE INDEX CONCURRENTLY t_e_idx ON t (e);
