BEGIN;
-- expect: concurrently-in-transaction "explicit BEGIN"
CREATE INDEX CONCURRENTLY namespaces_id_name_idx ON namespaces (id, name);
COMMIT;
