-- The UUID -> VARCHAR scenario: schools.id is referenced by two tables' foreign
-- keys, read by a row-level-security policy and indexed.
CREATE TABLE public.schools (id uuid NOT NULL, name text);
CREATE UNIQUE INDEX schools_id_key ON public.schools USING btree (id);
CREATE TABLE public.students (id bigint PRIMARY KEY, school_id uuid NOT NULL);
CREATE TABLE public.teachers (id bigint PRIMARY KEY, school_id uuid);
ALTER TABLE ONLY public.students ADD CONSTRAINT students_school_id_fkey FOREIGN KEY (school_id) REFERENCES public.schools(id);
ALTER TABLE ONLY public.teachers ADD CONSTRAINT teachers_school_id_fkey FOREIGN KEY (school_id) REFERENCES public.schools(id);
ALTER TABLE public.schools ENABLE ROW LEVEL SECURITY;
CREATE POLICY school_isolation ON public.schools USING ((id = (current_setting('app.school_id'::text))::uuid));
CREATE TABLE public.reports (id bigint PRIMARY KEY, title text, total integer, total_doubled integer GENERATED ALWAYS AS ((total * 2)) STORED);
CREATE VIEW public.report_titles AS SELECT reports.id, reports.title FROM public.reports;
CREATE INDEX reports_title_idx ON public.reports (title);
CREATE TABLE public.vulnerabilities (id integer PRIMARY KEY);
CREATE TABLE public.findings (id bigint PRIMARY KEY, vulnerability_id bigint REFERENCES public.vulnerabilities(id));
