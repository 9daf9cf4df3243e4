-- psql -f runs each statement on its own: no transaction.
CREATE INDEX CONCURRENTLY events_kind_idx ON events (kind);
