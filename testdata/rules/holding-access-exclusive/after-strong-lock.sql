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
