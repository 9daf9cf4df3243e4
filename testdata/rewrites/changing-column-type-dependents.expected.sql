-- PostgreSQL refuses the type change while a view or a policy reads the column:
-- the plan must reach the state of dropping them around it.
DROP VIEW team_sizes;
DROP POLICY members_of_team ON members;
ALTER TABLE members ALTER COLUMN team_id TYPE bigint;
CREATE POLICY members_of_team ON members FOR SELECT USING (team_id < 1000);
CREATE VIEW team_sizes AS SELECT team_id, count(*) AS members FROM members GROUP BY team_id;
