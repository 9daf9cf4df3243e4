-- Rewrites users under ACCESS EXCLUSIVE, and orders.user_id must change in step.
ALTER TABLE users ALTER COLUMN id TYPE varchar(255);
