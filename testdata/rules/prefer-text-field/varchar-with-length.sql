CREATE TABLE users (
  name varchar(100), -- expect: prefer-text-field "varchar(100)"
  email character varying(255), -- expect: prefer-text-field
  bio varchar,
  note text
);
-- expect: prefer-text-field
ALTER TABLE users ADD COLUMN nickname varchar(20);
