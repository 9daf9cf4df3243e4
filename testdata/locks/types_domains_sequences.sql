-- Types, enums, domains, sequences, extensions and functions.

-- Types and enums: a new enum value changes no stored row.
CREATE TYPE color AS ENUM ('red', 'green');
CREATE TYPE point3 AS (x int, y int, z int);
ALTER TYPE mood ADD VALUE 'c';
ALTER TYPE mood ADD VALUE 'c' BEFORE 'a';
ALTER TYPE mood ADD VALUE IF NOT EXISTS 'a';
ALTER TYPE mood RENAME VALUE 'a' TO 'alpha';
ALTER TYPE mood RENAME TO feeling;
ALTER TYPE mood OWNER TO migsafe_reader;
-- expect-error: because it is the type of a typed table
ALTER TYPE pair ADD ATTRIBUTE c int;
ALTER TYPE pair ADD ATTRIBUTE c int CASCADE;
ALTER TYPE pair RENAME ATTRIBUTE b TO bee CASCADE;
-- setup: CREATE TYPE color AS ENUM ('red', 'green')
DROP TYPE color;
-- expect-error: other objects depend on it
DROP TYPE mood;
DROP TYPE mood CASCADE;
DROP TYPE pair CASCADE;

-- Domains: a new constraint is checked against every column of the domain.
CREATE DOMAIN email AS text CHECK (VALUE LIKE '%@%');
ALTER DOMAIN posint ADD CONSTRAINT posint_positive CHECK (VALUE > 0);
ALTER DOMAIN posint ADD CONSTRAINT posint_positive CHECK (VALUE > 0) NOT VALID;
-- setup: ALTER DOMAIN posint ADD CONSTRAINT posint_positive CHECK (VALUE > 0) NOT VALID
ALTER DOMAIN posint VALIDATE CONSTRAINT posint_positive;
ALTER DOMAIN posint SET NOT NULL;
-- setup: ALTER DOMAIN posint SET NOT NULL
ALTER DOMAIN posint DROP NOT NULL;
ALTER DOMAIN posint SET DEFAULT 1;
ALTER DOMAIN posint DROP DEFAULT;
ALTER DOMAIN posint_checked DROP CONSTRAINT posint_checked_positive;
ALTER DOMAIN posint_checked RENAME CONSTRAINT posint_checked_positive TO positive;
ALTER DOMAIN posint_checked ADD CONSTRAINT below_million CHECK (VALUE < 1000000);
ALTER DOMAIN posint RENAME TO positive_int;
DROP DOMAIN IF EXISTS no_such_domain;
DROP DOMAIN posint CASCADE;

-- Sequences.
CREATE SEQUENCE s2;
CREATE SEQUENCE s2 OWNED BY t.j;
ALTER SEQUENCE s RESTART 10;
ALTER SEQUENCE s RESTART;
ALTER SEQUENCE s INCREMENT BY 10;
ALTER SEQUENCE s CACHE 10;
ALTER SEQUENCE s MAXVALUE 100000;
ALTER SEQUENCE s AS int;
ALTER SEQUENCE s OWNED BY t.id;
ALTER SEQUENCE s RENAME TO s_renamed;
ALTER SEQUENCE audit_log_id_seq OWNED BY NONE;
SELECT nextval('s');
SELECT setval('s', 100);
DROP SEQUENCE s;
-- expect-error: other objects depend on it
DROP SEQUENCE audit_log_id_seq;

-- Extensions and functions.
CREATE EXTENSION pg_trgm;
CREATE EXTENSION IF NOT EXISTS plpgsql;
CREATE EXTENSION btree_gist;
-- setup: CREATE EXTENSION pg_trgm
DROP EXTENSION pg_trgm;
ALTER EXTENSION plpgsql UPDATE;
CREATE FUNCTION add_one(x int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT x + 1';
CREATE OR REPLACE FUNCTION touch_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RETURN NEW;
END $$;
DROP FUNCTION slow_identity(bigint);
