-- Partitioned tables: partitions inherit columns, CHECKs, indexes and foreign keys.
CREATE TABLE tenants (id bigint PRIMARY KEY);
CREATE TABLE events (
    tenant_id bigint NOT NULL REFERENCES tenants (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    kind text,
    CHECK (kind <> ''),
    PRIMARY KEY (tenant_id, created_at)
) PARTITION BY RANGE (created_at);
CREATE INDEX events_kind_idx ON events (kind);
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE events_default PARTITION OF events DEFAULT;
CREATE TABLE events_2025 (LIKE events INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
CREATE INDEX events_2025_kind ON events_2025 (kind);
ALTER TABLE events ATTACH PARTITION events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE INDEX ON ONLY events (tenant_id, kind);
ALTER TABLE events ADD COLUMN note text;
ALTER TABLE events DETACH PARTITION events_default;
CREATE TABLE lists (id integer, region text) PARTITION BY LIST (region);
CREATE TABLE lists_eu PARTITION OF lists FOR VALUES IN ('de', 'fr') PARTITION BY HASH (id);
CREATE TABLE lists_eu_0 PARTITION OF lists_eu FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE INDEX ON lists (lower(region));
CREATE TABLE parent_inh (id integer NOT NULL, CONSTRAINT positive CHECK (id > 0));
CREATE TABLE child_inh (extra text) INHERITS (parent_inh);
ALTER TABLE parent_inh ADD COLUMN added integer DEFAULT 1;
