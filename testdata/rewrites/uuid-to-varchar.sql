ALTER TABLE schools ALTER COLUMN id TYPE varchar(255);
ALTER TABLE students ALTER COLUMN school_id TYPE varchar(255);
ALTER TABLE teachers ALTER COLUMN school_id TYPE varchar(255);
