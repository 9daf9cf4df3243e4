DROP INDEX members_team_idx;
