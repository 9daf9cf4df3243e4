-- Not in meta/_journal.json (a draft drizzle-kit never ran): not linted.
CREATE INDEX "books_id_title_idx" ON "books" USING btree ("id","title");
