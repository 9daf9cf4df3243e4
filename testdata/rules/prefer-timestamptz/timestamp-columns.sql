CREATE TABLE events (
  created_at timestamp NOT NULL, -- expect: prefer-timestamptz "without time zone"
  updated_at timestamp(3) without time zone, -- expect: prefer-timestamptz
  seen_at timestamptz,
  deleted_at timestamp with time zone
);
ALTER TABLE events ALTER COLUMN seen_at TYPE timestamp; -- expect: prefer-timestamptz
