CREATE TABLE countries (
  code char(2), -- expect: ban-char-field "char(2)"
  code3 character(3), -- expect: ban-char-field
  name text,
  flag "char"
);
ALTER TABLE countries ADD COLUMN region varchar(10);
