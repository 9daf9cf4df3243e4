-- migsafe-test: --schema=context/schools.sql
-- expect: breaks-dependent-objects "4 objects depend on public.schools.id (uuid): policy school_isolation on public.schools, foreign key students_school_id_fkey on public.students, foreign key teachers_school_id_fkey on public.teachers, index schools_id_key on public.schools"
ALTER TABLE schools ALTER COLUMN id TYPE varchar(255);
-- The other end of a foreign key must change in step.
-- expect: breaks-dependent-objects "foreign key students_school_id_fkey on public.students"
ALTER TABLE public.students ALTER COLUMN school_id TYPE text;
-- Only its own index depends on it: PostgreSQL rebuilds it (changing-column-type's case).
ALTER TABLE schools ALTER COLUMN name TYPE varchar(100);
ALTER TABLE teachers ALTER COLUMN id TYPE integer, ALTER COLUMN school_id SET NOT NULL;
