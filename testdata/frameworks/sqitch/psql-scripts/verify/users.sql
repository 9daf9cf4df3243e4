-- Verify flipr:users on pg

SELECT nickname, email FROM flipr.users WHERE false;
