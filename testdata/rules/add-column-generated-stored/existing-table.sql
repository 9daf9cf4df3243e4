-- expect: add-column-generated-stored "ADD COLUMN total_cents GENERATED ALWAYS AS (total * 100) STORED on existing table orders rewrites the table and its indexes under ACCESS EXCLUSIVE lock"
ALTER TABLE orders ADD COLUMN total_cents bigint GENERATED ALWAYS AS (total * 100) STORED;

-- expect: add-column-generated-stored "app.People"
ALTER TABLE IF EXISTS ONLY app."People"
  ADD COLUMN "Full Name" text GENERATED ALWAYS AS ("First" || ' ' || "Last") STORED NOT NULL,
  ADD COLUMN note text;
