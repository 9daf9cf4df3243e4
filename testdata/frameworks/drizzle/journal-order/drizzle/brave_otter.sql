-- expect: require-concurrent-index-creation "existing table books"
CREATE INDEX "books_title_idx" ON "books" USING btree ("title");
