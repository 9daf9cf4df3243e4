-- atlas:txmode none

CREATE INDEX CONCURRENTLY "tags_label_idx" ON "tags" ("label");
