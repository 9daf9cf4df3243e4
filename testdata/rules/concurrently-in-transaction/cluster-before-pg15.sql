-- migsafe-test: --pg-version=14
-- Before PostgreSQL 15 a partitioned table cannot be clustered at all; the
-- transaction block is not what fails, so the rule stays quiet.
CREATE TABLE events (id bigint, at date) PARTITION BY RANGE (at);
CREATE INDEX events_at_idx ON events (at);
BEGIN;
CLUSTER events USING events_at_idx;
COMMIT;
