CREATE TABLE events (
  payload json, -- expect: prefer-jsonb
  meta jsonb
);
ALTER TABLE events ADD COLUMN extra json; -- expect: prefer-jsonb "no equality operator"
ALTER TABLE events ADD COLUMN tags jsonb DEFAULT '[]';
