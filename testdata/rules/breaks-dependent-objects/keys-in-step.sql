-- migsafe-test: --schema=context/schools.sql
-- The other end is bigint already: the change makes the key match.
ALTER TABLE vulnerabilities ALTER COLUMN id TYPE bigint;
-- A change to the type the column has.
ALTER TABLE students ALTER COLUMN school_id TYPE uuid;
-- expect: breaks-dependent-objects "foreign key findings_vulnerability_id_fkey on public.findings; the column at the other end of a foreign key must change type in step"
ALTER TABLE findings ALTER COLUMN vulnerability_id TYPE text;
