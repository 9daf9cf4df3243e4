-- Relations the statement creates are locked by nobody else.
CREATE TABLE regions (id bigint PRIMARY KEY);
CREATE VIEW active_regions AS SELECT id FROM regions;
CREATE INDEX regions_id_idx ON regions (id);
-- Replacing a view locks the one the application reads.
-- expect: require-lock-timeout "reports"
CREATE OR REPLACE VIEW reports AS SELECT 1 AS id;
