BEGIN;
ALTER TYPE mood ADD VALUE 'ecstatic';
-- expect: enum-value-used-in-same-transaction "'ecstatic' was added to mood"
UPDATE people SET mood = 'ecstatic' WHERE id = 1;
-- expect: enum-value-used-in-same-transaction
ALTER TABLE people ALTER COLUMN mood SET DEFAULT 'ecstatic'::mood;
COMMIT;
-- After the commit the value is usable.
UPDATE people SET mood = 'ecstatic' WHERE id = 2;
BEGIN;
-- A type created in the same transaction may use its new values at once.
CREATE TYPE status AS ENUM ('new');
ALTER TYPE status ADD VALUE 'done';
CREATE TABLE tasks (state status DEFAULT 'done');
COMMIT;
