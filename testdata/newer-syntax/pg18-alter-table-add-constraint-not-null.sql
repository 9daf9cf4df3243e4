-- PostgreSQL 18: a named NOT NULL constraint added to an existing column.
-- lock: local_image AccessExclusiveLock scan
ALTER TABLE local_image
    ADD CONSTRAINT image_upload_local_user_id_not_null NOT NULL local_user_id;

-- Several subcommands, one of them the PostgreSQL 18 form.
-- lock: person AccessExclusiveLock scan
ALTER TABLE ONLY person ADD COLUMN bio text, ADD CONSTRAINT person_name_not_null NOT NULL name;

-- NOT VALID: no scan until VALIDATE CONSTRAINT.
-- lock: person AccessExclusiveLock
ALTER TABLE person ADD CONSTRAINT person_email_not_null NOT NULL email NOT VALID;
