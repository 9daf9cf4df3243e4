-- migsafe-test: --schema=context/schools.sql
-- expect: breaks-dependent-objects "view public.report_titles, index reports_title_idx on public.reports; PostgreSQL refuses"
ALTER TABLE "reports" ALTER COLUMN title TYPE varchar(300);
-- expect: breaks-dependent-objects "generated column total_doubled on public.reports"
ALTER TABLE ONLY reports ALTER COLUMN total TYPE bigint;
-- A view created earlier in the same migration counts too.
CREATE VIEW teacher_ids AS SELECT id FROM teachers;
-- expect: breaks-dependent-objects "view public.teacher_ids"
ALTER TABLE teachers ALTER COLUMN id TYPE integer;
