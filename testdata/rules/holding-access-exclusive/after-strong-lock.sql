BEGIN;
ALTER TABLE users ADD COLUMN plan text;
-- Catalog-only statements after the lock are quick.
COMMENT ON COLUMN users.plan IS 'billing plan';
-- expect: holding-access-exclusive "holds ACCESS EXCLUSIVE lock on users"
UPDATE users SET plan = 'free' WHERE plan IS NULL;
COMMIT;
-- After the commit nothing is held.
UPDATE users SET plan = 'free' WHERE plan IS NULL;
BEGIN;
CREATE TABLE drafts (id bigint);
ALTER TABLE drafts ADD COLUMN body text;
INSERT INTO drafts VALUES (1, 'x');
COMMIT;
-- Work on a table created empty in this migration is instant, even under the lock.
BEGIN;
ALTER TABLE accounts ADD COLUMN region text;
CREATE TABLE regions (id bigint, account_id bigint);
CREATE INDEX regions_id_idx ON regions (id);
ALTER TABLE regions ADD CONSTRAINT regions_id_key UNIQUE (id);
ALTER TABLE regions ADD FOREIGN KEY (account_id) REFERENCES accounts (id);
INSERT INTO regions VALUES (1, 1);
-- But filling it from an existing table reads that table.
-- expect: holding-access-exclusive "holds ACCESS EXCLUSIVE lock on accounts"
INSERT INTO regions SELECT id, id FROM accounts;
COMMIT;
