CREATE TABLE IF NOT EXISTS channels (id varchar(26) PRIMARY KEY, teamid varchar(26), name varchar(64));
