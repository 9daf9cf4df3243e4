-- migsafe-test: --pg-version=11
BEGIN;
-- expect: concurrently-in-transaction
ALTER TYPE mood ADD VALUE 'ecstatic';
ALTER TYPE mood RENAME VALUE 'sad' TO 'blue';
COMMIT;
ALTER TYPE mood ADD VALUE 'calm';
