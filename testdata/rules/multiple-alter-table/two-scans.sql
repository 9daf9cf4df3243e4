ALTER TABLE users ALTER COLUMN id TYPE bigint;
-- expect: multiple-alter-table "scans or rewrites users again: 1 earlier statement"
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
-- Instant actions on the same table are not counted.
ALTER TABLE users ADD COLUMN nickname text;
ALTER TABLE users ALTER COLUMN nickname SET DEFAULT 'x';
-- One scan of another table is fine.
ALTER TABLE app.orders ALTER COLUMN total TYPE numeric(20, 2);
-- A table created here is new: nothing to block.
CREATE TABLE drafts (id int, body text);
ALTER TABLE drafts ALTER COLUMN id TYPE bigint;
ALTER TABLE drafts ALTER COLUMN body SET NOT NULL;
