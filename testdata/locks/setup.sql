-- Schema every lock case runs against (see testdata/locks/README.md).
-- Loaded once into a template database; each case sees it unchanged.

CREATE TYPE mood AS ENUM ('a', 'b');
CREATE DOMAIN posint AS int;
CREATE DOMAIN posint_checked AS int CONSTRAINT posint_checked_positive CHECK (VALUE > 0);
CREATE TYPE pair AS (a int, b text);

-- Sleeps on one row only, so an index built on it is slow enough for a
-- second session to watch the build, but a whole scan stays short.
CREATE FUNCTION slow_identity(x bigint) RETURNS bigint
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF x = 1 THEN
    PERFORM pg_sleep(0.3);
  END IF;
  RETURN x;
END $$;

CREATE FUNCTION touch_row() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RETURN NEW;
END $$;

CREATE TABLE parent (
  id bigint PRIMARY KEY
);
INSERT INTO parent (id) SELECT g FROM generate_series(1, 2000) AS g;

CREATE TABLE t (
  id bigint PRIMARY KEY,
  c varchar(10),
  n numeric(10, 2),
  ts timestamp,
  ci cidr,
  j int,
  e text CHECK (e IS NOT NULL),
  pid bigint REFERENCES parent (id),
  d posint,
  m mood,
  vb bit varying(5)
);
CREATE INDEX t_c_idx ON t (c);
CREATE INDEX t_ts_idx ON t (ts);
CREATE UNIQUE INDEX t_j_uidx ON t (j);
INSERT INTO t (id, c, n, ts, ci, j, e, pid, d, m, vb)
SELECT g,
       'c' || g,
       g / 10.0,
       timestamp '2024-01-01' + g * interval '1 minute',
       '10.0.0.0/8',
       g,
       'e' || g,
       g,
       g,
       CASE WHEN g % 2 = 0 THEN 'a'::mood ELSE 'b'::mood END,
       B'101'
FROM generate_series(1, 2000) AS g;
CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch_row();

CREATE VIEW v AS SELECT id FROM t;
CREATE MATERIALIZED VIEW mv AS SELECT id, id % 10 AS bucket FROM t;
CREATE UNIQUE INDEX mv_id_uidx ON mv (id);

CREATE SEQUENCE s;

-- A table without a primary key, with one unique index on a NOT NULL column
-- and one on a nullable column.
CREATE TABLE nopk (
  id bigint NOT NULL,
  code int NOT NULL,
  label text
);
CREATE UNIQUE INDEX nopk_id_uidx ON nopk (id);
CREATE UNIQUE INDEX nopk_code_uidx ON nopk (code);
CREATE UNIQUE INDEX nopk_label_uidx ON nopk (label);
INSERT INTO nopk (id, code, label) SELECT g, g, 'l' || g FROM generate_series(1, 2000) AS g;

-- Range partitioning, no default partition.
CREATE TABLE pt (
  k int,
  payload text
) PARTITION BY RANGE (k);
CREATE TABLE pt1 PARTITION OF pt FOR VALUES FROM (0) TO (1000);
INSERT INTO pt (k, payload) SELECT g, 'p' || g FROM generate_series(0, 999) AS g;
CREATE TABLE pt2 (
  k int,
  payload text
);
INSERT INTO pt2 (k, payload) SELECT g, 'p' || g FROM generate_series(1000, 1999) AS g;
CREATE TABLE pt3 (
  k int,
  payload text,
  CONSTRAINT pt3_range CHECK (k >= 2000 AND k < 3000)
);
INSERT INTO pt3 (k, payload) SELECT g, 'p' || g FROM generate_series(2000, 2999) AS g;

-- Row-level security.
CREATE TABLE accounts (
  id bigint PRIMARY KEY,
  owner_name text NOT NULL
);
INSERT INTO accounts (id, owner_name) SELECT g, 'owner' || g FROM generate_series(1, 100) AS g;
ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;
CREATE POLICY accounts_owner ON accounts USING (owner_name = current_user);

-- Typed tables.
CREATE TABLE pairs (a int, b text);
INSERT INTO pairs (a, b) SELECT g, 'b' || g FROM generate_series(1, 100) AS g;
CREATE TABLE typed_pairs OF pair;
INSERT INTO typed_pairs (a, b) SELECT g, 'b' || g FROM generate_series(1, 100) AS g;

-- A column of a domain that has a CHECK.
CREATE TABLE measurements (
  id bigint PRIMARY KEY,
  v posint_checked
);
INSERT INTO measurements (id, v) SELECT g, g FROM generate_series(1, 2000) AS g;

-- A rule, to enable and disable.
CREATE TABLE audit_log (id bigserial PRIMARY KEY, note text);
INSERT INTO audit_log (note) SELECT 'note ' || g FROM generate_series(1, 100) AS g;
CREATE RULE audit_log_immutable AS ON UPDATE TO audit_log DO INSTEAD NOTHING;

-- A foreign table, for the OPTIONS subcommands.
CREATE FOREIGN DATA WRAPPER dummy_fdw;
CREATE SERVER dummy_server FOREIGN DATA WRAPPER dummy_fdw;
CREATE FOREIGN TABLE ft (a int) SERVER dummy_server;

-- Roles belong to the cluster, not the database: create it only once.
DO $$
BEGIN
  CREATE ROLE migsafe_reader NOLOGIN;
EXCEPTION WHEN duplicate_object THEN
  NULL;
END $$;

ANALYZE;
