-- Table sizes for `migsafe check --stats FILE`:
--   psql -XAt -f table-stats.sql "$PRODUCTION_URL" > table-stats.json
-- Reads only the catalogs (pg_class.reltuples, pg_total_relation_size); takes no
-- lock a migration would wait for. A partitioned table counts its partitions.
-- rows is null when a table has never been vacuumed or analysed.
SELECT json_build_object('tables', coalesce(json_agg(json_build_object(
    'schema', n.nspname,
    'name', c.relname,
    'rows', CASE WHEN c.relkind = 'p'
                 THEN (SELECT CASE WHEN bool_and(p.reltuples >= 0) THEN sum(p.reltuples)::bigint END
                       FROM pg_partition_tree(c.oid) t JOIN pg_class p ON p.oid = t.relid
                       WHERE t.isleaf)
                 WHEN c.reltuples >= 0 THEN c.reltuples::bigint END,
    'bytes', CASE WHEN c.relkind = 'p'
                  THEN (SELECT coalesce(sum(pg_total_relation_size(t.relid)), 0)::bigint
                        FROM pg_partition_tree(c.oid) t)
                  ELSE pg_total_relation_size(c.oid) END)
    ORDER BY n.nspname, c.relname), '[]'::json))
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'm')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg_toast%'
  AND n.nspname NOT LIKE 'pg_temp%';
