-- PostgreSQL 16: a subquery in FROM needs no alias.
-- lock: comment_actions AccessExclusiveLock created
CREATE TABLE comment_actions AS
SELECT max(liked) AS liked, person_id, comment_id
FROM (
    SELECT person_id, comment_id, published AS liked FROM comment_like
    UNION ALL
    SELECT person_id, comment_id, NULL::timestamptz FROM comment_saved)
GROUP BY person_id, comment_id;

-- lock: post AccessShareLock
SELECT count(*) FROM (SELECT id FROM post WHERE featured);
