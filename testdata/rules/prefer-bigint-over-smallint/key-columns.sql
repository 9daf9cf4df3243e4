CREATE TABLE regions (
  id smallint PRIMARY KEY, -- expect: prefer-bigint-over-smallint "smallint"
  rank smallint
);
CREATE TABLE places (
  id bigint PRIMARY KEY,
  region_id smallserial REFERENCES regions (id) -- expect: prefer-bigint-over-smallint
);
ALTER TABLE places ADD COLUMN floor int2;
