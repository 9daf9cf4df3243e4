-- phase 1: contract
SET lock_timeout = '2s';
DROP INDEX IF EXISTS measurements_taken_at_idx;
