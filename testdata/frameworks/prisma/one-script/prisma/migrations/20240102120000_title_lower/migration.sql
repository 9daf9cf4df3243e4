-- A migration.sql holding one statement runs outside a transaction.
CREATE INDEX CONCURRENTLY "Post_title_lower_idx" ON "Post"(lower("title"));
