-- Explicit locks, comments, privileges, settings, statistics, schemas.

LOCK TABLE t;
LOCK TABLE t IN ACCESS SHARE MODE;
LOCK TABLE t IN ROW SHARE MODE;
LOCK TABLE t IN ROW EXCLUSIVE MODE;
LOCK TABLE t IN SHARE UPDATE EXCLUSIVE MODE;
LOCK TABLE t IN SHARE MODE;
LOCK TABLE t IN SHARE ROW EXCLUSIVE MODE;
LOCK TABLE t IN EXCLUSIVE MODE;
LOCK TABLE t IN ACCESS EXCLUSIVE MODE NOWAIT;
LOCK TABLE t, parent IN SHARE MODE;
-- A partitioned table passes the lock on to its partitions, a view to its tables.
LOCK TABLE pt IN SHARE MODE;
LOCK TABLE ONLY pt IN SHARE MODE;
LOCK TABLE v IN ACCESS SHARE MODE;

COMMENT ON TABLE t IS 'x';
COMMENT ON COLUMN t.c IS 'x';
COMMENT ON INDEX t_c_idx IS 'x';
COMMENT ON CONSTRAINT t_e_check ON t IS 'x';
COMMENT ON VIEW v IS 'x';
COMMENT ON MATERIALIZED VIEW mv IS 'x';
COMMENT ON SEQUENCE s IS 'x';
COMMENT ON TRIGGER t_touch ON t IS 'x';
COMMENT ON POLICY accounts_owner ON accounts IS 'x';
COMMENT ON TYPE mood IS 'x';

GRANT SELECT ON t TO PUBLIC;
GRANT SELECT, INSERT ON t TO migsafe_reader;
GRANT SELECT (c) ON t TO migsafe_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO migsafe_reader;
GRANT USAGE ON SEQUENCE s TO migsafe_reader;
REVOKE SELECT ON t FROM PUBLIC;
REVOKE ALL ON t FROM migsafe_reader;
ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO migsafe_reader;

SET lock_timeout = '5s';
SET LOCAL statement_timeout = '10s';
SET search_path TO public;
RESET lock_timeout;
RESET ALL;

CREATE STATISTICS t_c_j_stats (dependencies) ON c, j FROM t;
-- setup: CREATE STATISTICS t_c_j_stats (dependencies) ON c, j FROM t
ALTER STATISTICS t_c_j_stats SET STATISTICS 500;
-- setup: CREATE STATISTICS t_c_j_stats (dependencies) ON c, j FROM t
DROP STATISTICS t_c_j_stats;

CREATE SCHEMA archive;
DROP SCHEMA IF EXISTS archive;
NOTIFY t_changed;
SELECT pg_advisory_xact_lock(42);
