-- A statement that does not parse between two that do: the replay keeps going.
CREATE TABLE t (id integer);
CREATE TABLE broken id integer;
CREATE TABLE u (id integer);
