-- PostgreSQL 18: NOT NULL as a named table constraint in CREATE TABLE.
-- lock: comment_saved AccessExclusiveLock created
CREATE TABLE comment_saved (
    person_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE,
    comment_id int NOT NULL,
    CONSTRAINT comment_saved_person_id_not_null NOT NULL person_id,
    PRIMARY KEY (person_id, comment_id)
);
