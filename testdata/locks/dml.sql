-- Reads and writes: row-level work behind weak table locks.

SELECT count(*) FROM t;
SELECT * FROM t WHERE id = 1 FOR UPDATE;
SELECT * FROM t WHERE id = 1 FOR NO KEY UPDATE;
SELECT * FROM t WHERE id = 1 FOR SHARE;
SELECT * FROM t WHERE id = 1 FOR KEY SHARE;
SELECT count(*) FROM v;
SELECT count(*) FROM mv;
SELECT count(*) FROM pt;

UPDATE t SET e = 'y';
UPDATE t SET e = 'y' WHERE id = 1;
-- The foreign key check locks the referenced row in parent.
UPDATE t SET pid = 2 WHERE id = 1;
UPDATE pt SET payload = 'y' WHERE k = 5;
UPDATE accounts SET owner_name = 'x';
-- An INSTEAD NOTHING rule turns the update into nothing.
UPDATE audit_log SET note = 'x';

DELETE FROM t WHERE id = 1;
DELETE FROM parent WHERE id = 5000;
-- expect-error: violates foreign key constraint
DELETE FROM parent WHERE id = 1;
DELETE FROM audit_log;

INSERT INTO parent (id) VALUES (5000);
INSERT INTO t (id, e, pid) VALUES (5000, 'x', 1);
INSERT INTO t (id, e) SELECT id + 10000, 'copy' FROM t;
INSERT INTO t (id, e) VALUES (1, 'x') ON CONFLICT (id) DO NOTHING;
INSERT INTO t (id, e) VALUES (1, 'x') ON CONFLICT (id) DO UPDATE SET e = excluded.e;
INSERT INTO pt (k, payload) VALUES (5, 'x');
INSERT INTO audit_log (note) VALUES ('x');

MERGE INTO t USING parent ON t.id = parent.id WHEN MATCHED THEN UPDATE SET e = 'merged';
-- Reads nothing; the server process must be able to open the file.
COPY parent (id) FROM '/dev/null';
COPY (SELECT id FROM t WHERE id < 3) TO STDOUT;
COPY parent TO STDOUT;
WITH gone AS (DELETE FROM t WHERE id < 10 RETURNING id) SELECT count(*) FROM gone;
