-- expect: create-table-partition-of "CREATE TABLE measurements_2024 PARTITION OF measurements takes ACCESS EXCLUSIVE lock on measurements, blocking reads and writes on every partition"
CREATE TABLE measurements_2024 PARTITION OF measurements FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
-- expect: create-table-partition-of "app.Events"
CREATE TABLE IF NOT EXISTS app."Events_Click" PARTITION OF app."Events" FOR VALUES IN ('click', 'tap');
-- expect: create-table-partition-of "accounts"
CREATE TABLE accounts_p3 PARTITION OF accounts FOR VALUES WITH (MODULUS 4, REMAINDER 3);
-- Own constraints would be lost by LIKE: no mechanical plan.
-- expect: create-table-partition-of "measurements_2025"
CREATE TABLE measurements_2025 PARTITION OF measurements (CONSTRAINT positive CHECK (value > 0)) FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
