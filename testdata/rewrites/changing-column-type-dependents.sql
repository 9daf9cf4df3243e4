ALTER TABLE members ALTER COLUMN team_id TYPE bigint;
