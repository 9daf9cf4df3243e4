DROP DATABASE analytics; -- expect: drop-database
DROP DATABASE IF EXISTS "Reporting"; -- expect: drop-database "Reporting"
DROP SCHEMA IF EXISTS scratch;
