-- migsafe-test: --schema=context/schools.sql
-- expect: breaks-dependent-objects "DROP COLUMN title fails: PostgreSQL refuses while objects depend on public.reports.title: view public.report_titles"
ALTER TABLE reports DROP COLUMN title;
-- expect: breaks-dependent-objects "DROP COLUMN id CASCADE silently drops what depends on public.schools.id: policy school_isolation on public.schools, foreign key students_school_id_fkey"
ALTER TABLE schools DROP COLUMN id CASCADE;
-- Its own foreign key and index go with the column: nothing else breaks.
ALTER TABLE teachers DROP COLUMN school_id;
ALTER TABLE schools DROP COLUMN IF EXISTS name;
