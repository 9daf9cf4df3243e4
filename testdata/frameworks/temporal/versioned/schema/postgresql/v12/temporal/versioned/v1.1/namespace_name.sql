-- temporal-sql-tool runs statements one by one, outside a transaction.
CREATE INDEX CONCURRENTLY namespaces_name_idx ON namespaces (name);
