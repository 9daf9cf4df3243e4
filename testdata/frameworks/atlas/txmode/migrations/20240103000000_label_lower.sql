-- expect: concurrently-in-transaction "Atlas"
CREATE INDEX CONCURRENTLY "tags_label_lower_idx" ON "tags" (lower("label"));
