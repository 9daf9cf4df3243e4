-- The schema and rows every rewrite case starts from: more rows than one backfill
-- batch, NULLs, the extremes of integer, and non-ASCII text.
CREATE TABLE users (id bigint PRIMARY KEY, email text, plan text, nickname text, score integer);
INSERT INTO users
SELECT g, 'user' || g || '@example.com', CASE WHEN g % 3 = 0 THEN 'pro' ELSE 'free' END,
       CASE WHEN g % 5 = 0 THEN NULL ELSE 'ñandú ' || g END,
       CASE WHEN g = 1 THEN 2147483647 WHEN g = 2 THEN -2147483648 ELSE g END
FROM generate_series(1, 12000) AS g;
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, total numeric(12,2));
INSERT INTO orders SELECT g, g % 12000 + 1, g * 1.5 FROM generate_series(1, 5000) AS g;
INSERT INTO orders VALUES (5001, NULL, 0);
-- The objects a column depends on, for the column-type cases: foreign keys in and
-- out, a composite index, NOT NULL with a default, a CHECK, a policy and a view.
CREATE TABLE teams (id integer PRIMARY KEY, name text NOT NULL);
INSERT INTO teams SELECT g, 'équipe ' || g FROM generate_series(1, 300) AS g;
CREATE TABLE members (
  id bigint PRIMARY KEY,
  team_id integer NOT NULL DEFAULT 1 REFERENCES teams (id) ON DELETE CASCADE,
  handle varchar(40) NOT NULL,
  CHECK (team_id > 0));
INSERT INTO members SELECT g, g % 300 + 1, 'mitglied-' || g FROM generate_series(1, 9000) AS g;
CREATE INDEX members_team_idx ON members (team_id, handle);
ALTER TABLE members ENABLE ROW LEVEL SECURITY;
CREATE POLICY members_of_team ON members FOR SELECT USING (team_id < 1000);
CREATE VIEW team_sizes AS SELECT team_id, count(*) AS members FROM members GROUP BY team_id;
-- The UUID -> VARCHAR scenario: schools.id is referenced by two tables' keys,
-- read by a row-level-security policy and indexed.
CREATE TABLE schools (id uuid NOT NULL, name text);
CREATE UNIQUE INDEX schools_id_key ON schools (id);
INSERT INTO schools SELECT md5(g::text)::uuid, 'Schule ' || g FROM generate_series(1, 400) AS g;
CREATE TABLE students (id bigint PRIMARY KEY, school_id uuid NOT NULL REFERENCES schools (id));
INSERT INTO students SELECT g, md5((g % 400 + 1)::text)::uuid FROM generate_series(1, 8000) AS g;
CREATE TABLE teachers (id bigint PRIMARY KEY, school_id uuid REFERENCES schools (id));
INSERT INTO teachers SELECT g, CASE WHEN g % 7 = 0 THEN NULL ELSE md5((g % 400 + 1)::text)::uuid END
FROM generate_series(1, 900) AS g;
ALTER TABLE schools ENABLE ROW LEVEL SECURITY;
CREATE POLICY school_isolation ON schools USING (id::text = current_setting('app.school_id', true));
-- A table only the rename case touches (the writer and the row comparison name the others).
CREATE TABLE audit_entries (id bigint PRIMARY KEY, note text NOT NULL DEFAULT 'none');
INSERT INTO audit_entries SELECT g, 'entry ' || g FROM generate_series(1, 500) AS g;
-- A partitioned table and a table to attach to it (the attach-partition case).
CREATE TABLE events (id bigint NOT NULL, happened_on date NOT NULL, kind text) PARTITION BY RANGE (happened_on);
CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE TABLE events_2027 (id bigint NOT NULL, happened_on date NOT NULL, kind text);
INSERT INTO events_2027 SELECT g, DATE '2027-01-01' + (g % 365), 'k' || g FROM generate_series(1, 2000) AS g;
-- An empty table: ADD COLUMN ... NOT NULL without a default succeeds on it as written,
-- so the add-column-required plan can be compared with the original.
CREATE TABLE drafts (id bigint PRIMARY KEY, title text);
