-- The parts of the server's catalog migsafe's replay is compared with, as one
-- JSON document shaped like `migsafe schema --format json` reduced by the
-- schema replay test: tables, columns and types, nullability, defaults,
-- constraints, indexes, foreign keys, row-level security, policies, and the
-- columns policies and views read (pg_depend).
-- Objects that belong to extensions are left out.
WITH user_tables AS (
    SELECT c.oid, n.nspname, c.relname, c.relkind, c.relrowsecurity, c.relforcerowsecurity
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'f')
      AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname NOT LIKE 'pg_toast%'
      AND n.nspname NOT LIKE 'pg_temp%'
      AND NOT EXISTS (SELECT 1 FROM pg_depend d
                      WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
)
SELECT json_build_object('tables', coalesce(json_agg(json_build_object(
    'schema', t.nspname,
    'name', t.relname,
    'kind', CASE t.relkind WHEN 'p' THEN 'partitioned table' WHEN 'f' THEN 'foreign table' ELSE 'table' END,
    'row_level_security', json_build_object('enabled', t.relrowsecurity, 'forced', t.relforcerowsecurity),
    'columns', (
        SELECT coalesce(json_agg(json_build_object(
            'name', a.attname,
            'type', format_type(a.atttypid, a.atttypmod),
            'not_null', a.attnotnull,
            'default', a.atthasdef AND a.attgenerated = '',
            'identity', a.attidentity <> '',
            'generated', a.attgenerated <> '') ORDER BY a.attnum), '[]'::json)
        FROM pg_attribute a
        WHERE a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped),
    'constraints', (
        SELECT coalesce(json_agg(json_build_object(
            'name', k.conname,
            'type', CASE k.contype WHEN 'c' THEN 'check' WHEN 'p' THEN 'primary key' WHEN 'u' THEN 'unique'
                                   WHEN 'x' THEN 'exclusion' WHEN 'f' THEN 'foreign key' ELSE k.contype::text END,
            'columns', (SELECT coalesce(json_agg(a.attname ORDER BY u.ord), '[]'::json)
                        FROM unnest(k.conkey) WITH ORDINALITY u(attnum, ord)
                        JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum),
            'validated', k.convalidated,
            'references', CASE WHEN k.contype = 'f' THEN json_build_object(
                'relation', (SELECT rn.nspname || '.' || rc.relname FROM pg_class rc
                             JOIN pg_namespace rn ON rn.oid = rc.relnamespace WHERE rc.oid = k.confrelid),
                'columns', (SELECT coalesce(json_agg(a.attname ORDER BY u.ord), '[]'::json)
                            FROM unnest(k.confkey) WITH ORDINALITY u(attnum, ord)
                            JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.attnum)) END)
            ORDER BY k.conname), '[]'::json)
        FROM pg_constraint k
        WHERE k.conrelid = t.oid AND k.contype IN ('c', 'p', 'u', 'x', 'f')
          -- A foreign key to a partitioned table also gets one row per referenced
          -- partition on the referencing table; those are internal.
          AND NOT (k.conparentid <> 0 AND EXISTS (SELECT 1 FROM pg_constraint p
                                                  WHERE p.oid = k.conparentid AND p.conrelid = k.conrelid))),
    'indexes', (
        SELECT coalesce(json_agg(json_build_object(
            'name', ic.relname,
            'unique', i.indisunique,
            'primary', i.indisprimary,
            'keys', (SELECT coalesce(json_agg(CASE WHEN u.attnum = 0 THEN 'expr' ELSE a.attname::text END
                                              ORDER BY u.ord), '[]'::json)
                     FROM unnest(i.indkey::int2[]) WITH ORDINALITY u(attnum, ord)
                     LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = u.attnum
                     WHERE u.ord <= i.indnkeyatts),
            'partial', i.indpred IS NOT NULL) ORDER BY ic.relname), '[]'::json)
        FROM pg_index i
        JOIN pg_class ic ON ic.oid = i.indexrelid
        WHERE i.indrelid = t.oid),
    'policies', (
        SELECT coalesce(json_agg(json_build_object(
            'name', p.polname,
            'command', CASE p.polcmd WHEN 'r' THEN 'select' WHEN 'a' THEN 'insert' WHEN 'w' THEN 'update'
                                     WHEN 'd' THEN 'delete' ELSE 'all' END,
            'permissive', p.polpermissive,
            'reads', (SELECT coalesce(json_agg(DISTINCT rn.nspname || '.' || rc.relname || '.' || a.attname), '[]'::json)
                      FROM pg_depend d
                      JOIN pg_class rc ON rc.oid = d.refobjid
                      JOIN pg_namespace rn ON rn.oid = rc.relnamespace
                      JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                      WHERE d.classid = 'pg_policy'::regclass AND d.objid = p.oid
                        AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0)) ORDER BY p.polname), '[]'::json)
        FROM pg_policy p
        WHERE p.polrelid = t.oid)
) ORDER BY t.nspname, t.relname), '[]'::json),
'views', (
    SELECT coalesce(json_agg(json_build_object(
        'schema', n.nspname,
        'name', v.relname,
        'materialized', v.relkind = 'm',
        'reads', (SELECT coalesce(json_agg(DISTINCT rn.nspname || '.' || rc.relname || '.' || a.attname), '[]'::json)
                  FROM pg_rewrite r
                  JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
                  JOIN pg_class rc ON rc.oid = d.refobjid
                  JOIN pg_namespace rn ON rn.oid = rc.relnamespace
                  JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                  WHERE r.ev_class = v.oid AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0
                    AND d.refobjid <> v.oid)) ORDER BY n.nspname, v.relname), '[]'::json)
    FROM pg_class v
    JOIN pg_namespace n ON n.oid = v.relnamespace
    WHERE v.relkind IN ('v', 'm')
      AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND NOT EXISTS (SELECT 1 FROM pg_depend d
                      WHERE d.classid = 'pg_class'::regclass AND d.objid = v.oid AND d.deptype = 'e')))
FROM user_tables t;
