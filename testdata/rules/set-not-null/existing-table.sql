-- expect: set-not-null "ALTER COLUMN email SET NOT NULL on existing table users takes ACCESS EXCLUSIVE lock, blocking reads and writes, while it scans every row"
ALTER TABLE users ALTER COLUMN email SET NOT NULL;

-- expect: set-not-null "SET NOT NULL on existing table app.Orders"
ALTER TABLE IF EXISTS ONLY app."Orders" ALTER "Total" SET NOT NULL;

-- expect: set-not-null "ALTER COLUMN a SET NOT NULL"
-- expect: set-not-null "ALTER COLUMN b SET NOT NULL"
ALTER TABLE pairs ALTER COLUMN a SET NOT NULL, ALTER COLUMN b SET NOT NULL, ALTER COLUMN c SET DEFAULT 0;
