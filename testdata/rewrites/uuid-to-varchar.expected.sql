-- PostgreSQL refuses the first change while the policy reads schools.id, and a
-- foreign key cannot hold between uuid and varchar: the end state is that of
-- dropping both around the three changes.
DROP POLICY school_isolation ON schools;
ALTER TABLE students DROP CONSTRAINT students_school_id_fkey;
ALTER TABLE teachers DROP CONSTRAINT teachers_school_id_fkey;
ALTER TABLE schools ALTER COLUMN id TYPE varchar(255);
ALTER TABLE students ALTER COLUMN school_id TYPE varchar(255);
ALTER TABLE teachers ALTER COLUMN school_id TYPE varchar(255);
ALTER TABLE students ADD CONSTRAINT students_school_id_fkey FOREIGN KEY (school_id) REFERENCES schools (id);
ALTER TABLE teachers ADD CONSTRAINT teachers_school_id_fkey FOREIGN KEY (school_id) REFERENCES schools (id);
CREATE POLICY school_isolation ON schools USING (id::text = current_setting('app.school_id', true));
