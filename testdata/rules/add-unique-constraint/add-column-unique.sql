-- The new column is all NULL, but the index is still built under the lock (measured: a scan).
-- expect: add-unique-constraint "ADD COLUMN api_key ... UNIQUE on existing table accounts"
ALTER TABLE accounts ADD COLUMN api_key text UNIQUE;

-- A new key column needs values first: reported without a mechanical plan.
-- expect: add-unique-constraint "ADD COLUMN id ... PRIMARY KEY"
ALTER TABLE legacy_events ADD COLUMN id bigint PRIMARY KEY DEFAULT 0;
