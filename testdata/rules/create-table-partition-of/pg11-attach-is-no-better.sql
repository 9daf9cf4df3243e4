-- migsafe-test: --pg-version=11
-- Before PostgreSQL 12, ATTACH PARTITION also takes ACCESS EXCLUSIVE on the parent: no plan.
-- expect: create-table-partition-of "ACCESS EXCLUSIVE lock on measurements"
CREATE TABLE measurements_2024 PARTITION OF measurements FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
