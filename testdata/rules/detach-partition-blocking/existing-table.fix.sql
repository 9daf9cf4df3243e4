-- phase 1: contract (own migration, outside a transaction)
SET lock_timeout = '2s';
ALTER TABLE measurements DETACH PARTITION measurements_2020 CONCURRENTLY;
-- before the next phase: if it is interrupted, finish it with ALTER TABLE ... DETACH PARTITION ... FINALIZE
-- phase 1: contract (own migration, outside a transaction)
SET lock_timeout = '2s';
ALTER TABLE app."Events" DETACH PARTITION app."Events_Old" CONCURRENTLY;
-- before the next phase: if it is interrupted, finish it with ALTER TABLE ... DETACH PARTITION ... FINALIZE
