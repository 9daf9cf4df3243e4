-- Without a schema nothing is known to depend on the column.
ALTER TABLE schools ALTER COLUMN id TYPE varchar(255);
ALTER TABLE schools DROP COLUMN name;
