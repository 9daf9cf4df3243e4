-- expect: changing-column-type "ACCESS EXCLUSIVE lock, blocking reads and writes, and rewrites"
ALTER TABLE users ALTER COLUMN id TYPE varchar(255);
