-- Attaching and detaching partitions of pt (range on k; pt1 holds 0-999).
-- The CONCURRENTLY form is in non_transactional.sql.

-- The new partition is scanned to prove its rows fit, unless its own
-- constraints already prove it.
ALTER TABLE pt ATTACH PARTITION pt2 FOR VALUES FROM (1000) TO (2000);
ALTER TABLE pt ATTACH PARTITION pt3 FOR VALUES FROM (2000) TO (3000);
-- setup: ALTER TABLE pt3 ADD CONSTRAINT pt3_k_present CHECK (k IS NOT NULL)
ALTER TABLE pt ATTACH PARTITION pt3 FOR VALUES FROM (2000) TO (3000);
-- setup: ALTER TABLE pt3 ALTER COLUMN k SET NOT NULL
ALTER TABLE pt ATTACH PARTITION pt3 FOR VALUES FROM (2000) TO (3000);
-- A partitioned index makes the attach build (or adopt) an index on the partition.
-- setup: CREATE INDEX pt_k_idx ON pt (k)
ALTER TABLE pt ATTACH PARTITION pt2 FOR VALUES FROM (1000) TO (2000);
-- setup: CREATE INDEX pt_k_idx ON pt (k)
-- setup: CREATE INDEX pt2_k_idx ON pt2 (k)
ALTER TABLE pt ATTACH PARTITION pt2 FOR VALUES FROM (1000) TO (2000);
-- A default partition must give up the rows of the new range: it is scanned too.
-- setup: CREATE TABLE pt_default PARTITION OF pt DEFAULT
-- setup: INSERT INTO pt (k, payload) VALUES (5000, 'outside every range')
ALTER TABLE pt ATTACH PARTITION pt2 FOR VALUES FROM (1000) TO (2000);
-- expect-error: would overlap partition "pt1"
ALTER TABLE pt ATTACH PARTITION pt2 FOR VALUES FROM (0) TO (1500);

ALTER TABLE pt DETACH PARTITION pt1;
-- expect-error: cannot run inside a transaction block
ALTER TABLE pt DETACH PARTITION pt1 CONCURRENTLY;
