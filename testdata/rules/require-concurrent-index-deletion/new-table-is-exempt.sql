CREATE TABLE invoices (id bigint PRIMARY KEY, total numeric, issued_on date);
CREATE INDEX invoices_total_idx ON invoices (total);
DROP INDEX invoices_total_idx;
-- PostgreSQL names an unnamed index <table>_<columns>_idx.
CREATE INDEX ON invoices (issued_on);
DROP INDEX IF EXISTS invoices_issued_on_idx;

-- Filled from an existing table: no longer new.
CREATE TABLE archive (id bigint, total numeric);
CREATE INDEX archive_total_idx ON archive (total);
INSERT INTO archive SELECT id, total FROM invoices_2020;
-- expect: require-concurrent-index-deletion
DROP INDEX archive_total_idx;
