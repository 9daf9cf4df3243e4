-- phase 1: expand
SET lock_timeout = '2s';
REFRESH MATERIALIZED VIEW CONCURRENTLY order_totals;
-- before the next phase: the view needs a unique index (CREATE UNIQUE INDEX CONCURRENTLY on it) and must have been populated once
-- phase 1: expand
SET lock_timeout = '2s';
REFRESH MATERIALIZED VIEW CONCURRENTLY app."Daily Stats";
-- before the next phase: the view needs a unique index (CREATE UNIQUE INDEX CONCURRENTLY on it) and must have been populated once
