-- migsafe-test: --pg-version=12
BEGIN;
ALTER TYPE mood ADD VALUE 'ecstatic';
COMMIT;
