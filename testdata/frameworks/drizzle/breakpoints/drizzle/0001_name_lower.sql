-- expect: concurrently-in-transaction "drizzle-kit"
CREATE INDEX CONCURRENTLY "authors_name_lower_idx" ON "authors" USING btree (lower("name"));
