CREATE TABLE measurements (id bigint, taken_at date, value numeric) PARTITION BY RANGE (taken_at);
CREATE TABLE measurements_2024 PARTITION OF measurements FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE measurements_default PARTITION OF measurements DEFAULT;
CREATE TABLE measurements_copy (LIKE measurements INCLUDING ALL);
