-- Constant and stable defaults are stored in the catalog (PostgreSQL 11+): no rewrite.
ALTER TABLE events ADD COLUMN created_at timestamptz DEFAULT now();
ALTER TABLE events ADD COLUMN kind text NOT NULL DEFAULT 'click';
ALTER TABLE events ADD COLUMN tags text[] DEFAULT '{}';
ALTER TABLE events ADD COLUMN meta jsonb DEFAULT '{}'::jsonb;
ALTER TABLE events ADD COLUMN label text DEFAULT 'a' || 'b';
ALTER TABLE events ADD COLUMN seen_at timestamptz DEFAULT CURRENT_TIMESTAMP;
-- SET DEFAULT never rewrites, even for a volatile expression.
ALTER TABLE events ALTER COLUMN public_id SET DEFAULT gen_random_uuid();

-- A table created earlier in the same migration.
CREATE TABLE visits (id bigint PRIMARY KEY);
ALTER TABLE visits ADD COLUMN token uuid DEFAULT gen_random_uuid();
