-- Tables, views, materialized views, triggers, rules, policies and the
-- table-wide ALTER TABLE subcommands.

-- CREATE TABLE: the new table is locked, and so is every table it refers to.
CREATE TABLE widgets (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE child (id bigint REFERENCES parent (id));
CREATE TABLE t_new (LIKE t INCLUDING ALL);
CREATE TABLE t_copy AS SELECT * FROM t;
CREATE TABLE t_empty AS SELECT * FROM t WITH NO DATA;
SELECT * INTO t_copy FROM t;
CREATE UNLOGGED TABLE scratch (id int);
CREATE TEMP TABLE scratch (id int);
CREATE TABLE IF NOT EXISTS t (id int);
CREATE TABLE parent_heir () INHERITS (parent);
CREATE TABLE pt4 PARTITION OF pt FOR VALUES FROM (3000) TO (4000);
CREATE TABLE pt_default PARTITION OF pt DEFAULT;

-- DROP and RENAME.
DROP TABLE pt2;
DROP TABLE IF EXISTS no_such_table;
DROP TABLE t CASCADE;
-- expect-error: other objects depend on it
DROP TABLE parent;
DROP TABLE parent CASCADE;
DROP TABLE pt;
DROP TABLE pt1;
DROP TABLE audit_log;
ALTER TABLE t RENAME TO t_renamed;
ALTER TABLE IF EXISTS no_such_table RENAME TO no_such_table2;
ALTER TABLE pt1 RENAME TO pt_first;
-- setup: CREATE SCHEMA archive
ALTER TABLE t SET SCHEMA archive;

-- Views.
CREATE VIEW t_per_parent AS SELECT pid, count(*) AS rows FROM t GROUP BY pid;
CREATE OR REPLACE VIEW v AS SELECT id FROM t WHERE id > 0;
CREATE OR REPLACE VIEW v AS SELECT id, c FROM t;
DROP VIEW v;
ALTER VIEW v RENAME TO v2;
ALTER VIEW v ALTER COLUMN id SET DEFAULT 0;
ALTER VIEW v SET (security_barrier = true);
ALTER VIEW v OWNER TO migsafe_reader;

-- Materialized views (REFRESH is in maintenance.sql).
CREATE MATERIALIZED VIEW mv2 AS SELECT id, c FROM t;
CREATE MATERIALIZED VIEW mv2 AS SELECT id, c FROM t WITH NO DATA;
DROP MATERIALIZED VIEW mv;
ALTER MATERIALIZED VIEW mv RENAME TO mv_renamed;
ALTER MATERIALIZED VIEW mv SET (fillfactor = 70);
ALTER MATERIALIZED VIEW mv CLUSTER ON mv_id_uidx;
ALTER MATERIALIZED VIEW mv ALTER COLUMN bucket SET STATISTICS 100;

-- Triggers.
CREATE TRIGGER t_touch_insert BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE OR REPLACE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE CONSTRAINT TRIGGER t_after_insert AFTER INSERT ON t DEFERRABLE FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER pt_touch BEFORE UPDATE ON pt FOR EACH ROW EXECUTE FUNCTION touch_row();
DROP TRIGGER t_touch ON t;
ALTER TRIGGER t_touch ON t RENAME TO t_touch_before;
ALTER TABLE t DISABLE TRIGGER t_touch;
ALTER TABLE t ENABLE TRIGGER t_touch;
ALTER TABLE t ENABLE REPLICA TRIGGER t_touch;
ALTER TABLE t ENABLE ALWAYS TRIGGER t_touch;
ALTER TABLE t DISABLE TRIGGER USER;
ALTER TABLE t ENABLE TRIGGER USER;
ALTER TABLE t DISABLE TRIGGER ALL;
ALTER TABLE t ENABLE TRIGGER ALL;

-- Rules.
CREATE RULE t_keep_rows AS ON DELETE TO t DO INSTEAD NOTHING;
DROP RULE audit_log_immutable ON audit_log;
ALTER RULE audit_log_immutable ON audit_log RENAME TO audit_log_frozen;
ALTER TABLE audit_log DISABLE RULE audit_log_immutable;
ALTER TABLE audit_log ENABLE RULE audit_log_immutable;
ALTER TABLE audit_log ENABLE REPLICA RULE audit_log_immutable;
ALTER TABLE audit_log ENABLE ALWAYS RULE audit_log_immutable;

-- Row-level security and policies.
CREATE POLICY t_positive ON t USING (j > 0);
ALTER POLICY accounts_owner ON accounts USING (true);
ALTER POLICY accounts_owner ON accounts RENAME TO accounts_mine;
DROP POLICY accounts_owner ON accounts;
ALTER TABLE t ENABLE ROW LEVEL SECURITY;
ALTER TABLE accounts DISABLE ROW LEVEL SECURITY;
ALTER TABLE accounts FORCE ROW LEVEL SECURITY;
ALTER TABLE accounts NO FORCE ROW LEVEL SECURITY;

-- Table-wide ALTER TABLE subcommands.
ALTER TABLE t SET (fillfactor = 70);
ALTER TABLE t SET (autovacuum_enabled = false);
ALTER TABLE t RESET (fillfactor);
ALTER TABLE t SET (parallel_workers = 2, toast_tuple_target = 256);
ALTER TABLE t SET UNLOGGED;
ALTER TABLE pt2 SET UNLOGGED;
-- setup: ALTER TABLE pt2 SET UNLOGGED
ALTER TABLE pt2 SET LOGGED;
ALTER TABLE t SET WITHOUT OIDS;
ALTER TABLE t SET ACCESS METHOD heap;
ALTER TABLE t SET TABLESPACE pg_default;
-- unobservable: needs a second tablespace, whose directory the harness does not create
ALTER TABLE t SET TABLESPACE fast_disk;
ALTER TABLE t REPLICA IDENTITY FULL;
ALTER TABLE t REPLICA IDENTITY NOTHING;
ALTER TABLE t REPLICA IDENTITY DEFAULT;
ALTER TABLE nopk REPLICA IDENTITY USING INDEX nopk_code_uidx;
ALTER TABLE t OWNER TO migsafe_reader;
ALTER TABLE t INHERIT parent;
-- setup: ALTER TABLE t INHERIT parent
ALTER TABLE t NO INHERIT parent;
ALTER TABLE pairs OF pair;
ALTER TABLE typed_pairs NOT OF;
ALTER TABLE t CLUSTER ON t_c_idx;
-- setup: ALTER TABLE t CLUSTER ON t_c_idx
ALTER TABLE t SET WITHOUT CLUSTER;
ALTER FOREIGN TABLE ft OPTIONS (ADD schema_name 'remote');
ALTER TABLE t ADD COLUMN x int, SET (fillfactor = 70), ALTER COLUMN c SET STATISTICS 500;
ALTER TABLE ALL IN TABLESPACE pg_default SET TABLESPACE pg_default;
