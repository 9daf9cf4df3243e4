-- phase 1: expand
CREATE TABLE measurements_2024 (LIKE measurements INCLUDING ALL);
ALTER TABLE measurements ATTACH PARTITION measurements_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
-- phase 1: expand
CREATE TABLE IF NOT EXISTS app."Events_Click" (LIKE app."Events" INCLUDING ALL);
ALTER TABLE app."Events" ATTACH PARTITION app."Events_Click" FOR VALUES IN ('click', 'tap');
-- phase 1: expand
CREATE TABLE accounts_p3 (LIKE accounts INCLUDING ALL);
ALTER TABLE accounts ATTACH PARTITION accounts_p3 FOR VALUES WITH (MODULUS 4, REMAINDER 3);
