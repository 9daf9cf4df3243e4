-- expect: detach-partition-blocking "DETACH PARTITION measurements_2020 takes ACCESS EXCLUSIVE lock on measurements and ACCESS EXCLUSIVE on measurements_2020, blocking reads and writes on every partition"
ALTER TABLE measurements DETACH PARTITION measurements_2020;
-- expect: detach-partition-blocking "app.Events_Old"
ALTER TABLE IF EXISTS app."Events" DETACH PARTITION app."Events_Old";
