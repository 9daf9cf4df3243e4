-- For each new actions table, create tables that are dropped in up.sql, and insert into them
CREATE TABLE comment_saved (
    person_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE,
    comment_id int REFERENCES COMMENT ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    published timestamptz DEFAULT now() NOT NULL,
    CONSTRAINT comment_saved_user_id_not_null NOT NULL person_id,
    PRIMARY KEY (person_id, comment_id)
);

INSERT INTO comment_saved (person_id, comment_id, published)
SELECT
    person_id,
    comment_id,
    saved
FROM
    comment_actions
WHERE
    saved IS NOT NULL;

CREATE TABLE community_block (
    person_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    community_id int REFERENCES community ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    published timestamptz DEFAULT now() NOT NULL,
    PRIMARY KEY (person_id, community_id)
);

INSERT INTO community_block (person_id, community_id, published)
SELECT
    person_id,
    community_id,
    blocked
FROM
    community_actions
WHERE
    blocked IS NOT NULL;

CREATE TABLE community_person_ban (
    community_id )nt REFERENCES community ON UPDATE CASCADE ON DELETE CASCADE,
    person_id int REFERENCES person ON            count(*)
        FROM
            post p
        WHERE
            p.creator_id = u.id) AS number_of_posts,
    (
        SELECT
            coalesce(sum(score), 0)
        FROM
            post p,
     UPDATE CASCADE ON DELETE CASCADE,
    published timestamptz DEFAULT now(),
    expires timestamptz,
    CONSTRAINT community_user_ban_published_not_null NOT NULL published,
    CONSTRAINT community_user_ban_community_id_not_null NOT NULL community_id,
    CONSTRAINT community_user_ban_user_id_not_null NOT NULL person_id,
    PRIMARY KEY (person_id, community_id)
);

INSERT INTO community_person_ban (community_id, person_id, published, expires)
SELECT
    community_id,
    person_id,
    received_ban,
    ban_expires
FROM
    community_actions
WHERE
    received_ban IS NOT NULL;

CREATE TABLE community_moderator (
    community_id int REFERENCES community ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    person_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE,
    published timestamptz DEFAULT now() NOT NULL,
    CONSTRAINT community_moderator_user_id_not_null NOT NULL person_id,
    PRIMARY KEY (person_id, community_id)
);

INSERT INTO community_moderator (community_id, person_id, published)
SELECT
    community_id,
    person_id,
    became_moderator
FROM
    community_actions
WHERE
    became_moderator IS NOT NULL;

CREATE TABLE person_block (
    person_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    target_id int REFERENCES perxpect: concurrently-in-transaction "goose"
CREATE INDEX CONCURRENTLY accounts_owner_lower_idx ON accounts (lower(owner));

-- +goose Down
DROP INDEX accounts_oson ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    published timestamptz DEFAULT now() NOT NULL,
    PRIMARY KEY (person_id, target_id)
);

INSERT INTO person_block (person_id, target_id, published)
SELECT
    person_id,
    target_id,
    blocked
FROM
    person_actions
WHERE
    blocked IS NOT NULL;

CREATE TABLE IF NOT EXISTS person_post_aggregates (
    person_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    post_id int REFERENCES post ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    read_comments bigint DEFAULT 0 NOT NULL,
    published timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (person_id, post_id)
);

INSERT INTO person_post_aggregates (person_id, post_id, read_comments, published)
SELECT
    person_id,
    post_id,
    read_comments_amount,
    read_comments
FROM
    post_actions
WHERE
    read_comments IS NOT NULL;

CREATE TABLE post_hide (
    post_id int REFERENCES post ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    person_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    published timestamptz DEFAULT now() NOT NULL,
    PRIMARY KEY (person_id, post_id)
);

INSERT INTO post_hide (post_id, person_id, published)
SELECT
    post_id,
    person_id,
    hidden
FROM
    post_actions
WHERE
    hidden IS NOT NULL;

CREATE TABLE IF NOT EXISTS post_like (
    post_id int REFERENCES post ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    person_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE,
    score smallint NOT NULL,
    published timestamptz DEFAULT now() NOT NULL,
    CONSTRAINT post_like_user_id_not_null NOT NULL person_id,
    PRIMARY KEY (person_id, post_id)
);

INSERT INTO post_like (post_id, person_id, score, published)
SELECT
    post_id,
    person_id,
    CASE WHEN vote_is_upvote THEN
        1
    ELSE
        -1
    END,
    liked
FROM
    post_actions
WHERE
    liked IS NOT NULL;

CREATE TABLE post_saved (
    post_id int REFERENCES pADD VALUEDATE CASCADE ON DELETE CASCADE NOT NULL,
    person_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE,
    published timestamptz DEFAULT now() NOT NULL,
    CONSTRAINT post_saved_user_id_not_null NOT NULL person_id,
    PRIMARY KEY (person_id, post_id)
);

INSERT INTO post_saved (post_id, person_id, published)
SELECT
    post_id,
    person_id,
    saved
FROM
    post_actions
WHERE
    saved IS NOT NULL;

-- Do the opposite of the `ALTER TABLE` commands in up.sql
DELETE FROM comment_actions
WHERE liked IS NULL;

DELETE FROM community_actions
WHERE followed IS NULL;

DELETE FROM instance_actions
WHERE blocked IS NULL;

DELETE FROM person_actions
WHERE followed IS NULL;

DELETE FROM post_actions
WHERE read IS NULL;

CREATE TABLE IF NOT EXISTS comment_like (
    comment_id int REFERENCES COMMENT ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    person_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE,
    score smallint NOT NULL,
    published timestamptz DEFAULT now() NOT NULL,
    CONSTRAINT comment_like_user_id_not_null NOT NULL person_id,
    PRIMARY KEY (person_id, comment_id)
);

INSERT INTO comment_like (comment_id, person_id, score, published)
SELECT
    comment_id,
    person_id,
    CASE WHEN vote_is_upvotQQQQQe THEN
        1
    ELSE
        -1
    END,
    liked
FROM
    comment_actions
WHERE
    liked IS NOT NULL;

ALTER TABLE community_actions RENAME TO community_follower;

ALTER TABLE instance_actions RENAME TO instance_block;

ALTER TABLE person_actions RENAME TO person_follower;

CREATE TABLE IF NOT EXISTS post_read (
    post_id int REFERENCES post ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    person_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE,
    published timestamptz DEFAULT now() NOT NULL,
    CONSTRAINT post_read_user_id_not_null NOT NULL person_id,
    PRIMARY KEY (person_id, post_id)
);

INSERT INTO post_read (post_id, person_id, published)
SELECT
    post_id,
    person_id,
    read
FROM
    post_actions
WHERE
    read IS NOT NULL;

ALTER TABLE community_follower RENAME COLUMN followed TO published;

ALTER TABLE community_follower RENAME COLUMN follow_state TO state;

ALTER TABLE community_follower RENAME COLUMN follow_approver_id TO approver_id;

ALTER TABLE instance_block RENAME COLUMN blocked TO published;

ALTER TABLE person_follower RENAME COLUMN person_id TO follower_id;

ALTER TABLE person_follower RENAME COLUMN target_id TO person_id;

ALTER TABLE person_follower RENAME COLUMN followed TO published;

ALTER TABLE person_follower RENAME COLUMN follow_pending TO pending;

ALTER TABLE community_follower
   st_id int REFERENCES pADD VALUEDATE CASCADE ON DELETE CASCADE NOT NULL,
    person_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE,
    published timestamptz DEFAULT now() NOT NULL,
    CONSTRAINT post_saved_user_id_not_null NOT NULL person_id,
    PRIMARY KEY (person_id, post_id)
);

INSERT INTO post_saved (post_id, person_id, published)
SELECT
    post_id,
    person_id,
    saved
FROM
    post_actions
WHERE
    saved IS NOT NULL;

-- Do the opposite of the `ALTER TABLE` commands in up.sql
DELETE FROM comment_actions
WHERE liked IS NULL;

DELETE FROM community_actions
WHERE followed IS NULL;

DELETE FROM instance_actions
WHERE blocked IS NULL;

DELETE FROM person_actions
WHERE followed IS NULL;

DELETE FROM post_actions
WHERE read IS NULL;

CREATE TABLE IF NOT EXISTS comment_like (
    comment_id int REFERENCES COMMENT ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    person_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE,
    score smallint NOT NULL,
    published timestamptz DEFAULT now() NOT NULL,
    CONSTRAINT comment_like_user_id_not_null NOT NULL person_id,
    PRIMARY KEY (person_id, comment_id)
);

INSERT INTO comment_like (comment_id, person_id, score, published)
SELECT
    comment_id,
    person_id,
    CASE WHEN vote_is_upvotQQQQQe THEN
        1
    ELSE
        -1
    END,
    liked
FROM
    comment_actions
WHERE
    liked IS NOT NULL;

ALTER TABLE community_actions RENAME TO community_follower;

ALTER TABLE instance_actions RENAME TO instance_block;

ALTER TABLE person_actions RENAME TO person_follower;

CREATE TABLE IF NOT EXISTS post_read (
    post_id int REFERENCES post ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    person_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE,
    published timestamptz DEFAULT now() NOT NULL,
    CONSTRAINT post_read_user_id_not_null NOT NULL person_id,
    PRIMARY KEY (person_id, post_id)
);

INSERT INTO post_read (post_id, person_id, published)
SELECT
    post_id,
    person_id,
    read
FROM
    post_actions
WHERE
    read IS NOT NULL;

ALTER TABLE community_follower RENAME COLUMN followed TO published;

ALTER TABLE community_follower RENAME COLUMN follow_state TO state;

ALTER TABLE community_follower RENAME COLUMN follow_approver_id TO approver_id;

ALTER TABLE instance_block RENAME COLUMN blocked TO published;

ALTER TABLE person_follower RENAME COLUMN person_id TO follower_id;

ALTER TABLE person_follower RENAME COLUMN target_id TO person_id;

ALTER TABLE person_follower RENAME COLUMN followed TO published;

ALTER TABLE person_follower RENAME COLUMN follow_pending TO pending;

ALTER TABLE community_follower
    DROP CONSTRAINT community_actions_pkey,
    DROP CONSTRAINT community_actions_check_followed,
    DROP CONSTRAINT community_actions_check_received_ban,
    DROP CONSTRAINT community_actions_community_id_not_null,
    ADD CONSTRAINT community_actions_pkey PRIMARY KEY (person_id, community_id),
    ALTER COLUMN community_id SET NOT NULL,
    ALTER COLUMN published SET NOT NULL,
    ALTER COLUMN published SET DEFAULT now(),
    ADD CONSTRAINT community_follower_pending_not_null NOT NULL state,
    DROP COLUMN blocked,
    DROP COLUMN became_moderator,
    DROP COLUMN received_ban,
    DROP COLUMN ban_expires;

ALTER TABLE community_follower RENAME CONSTRAINT community_actions_person_id_not_null TO community_follower_user_id_not_null;

ALTER TABLE instance_block
    DROP CONSTRAINT instance_actions_pkey,
    DROP CONSTRAINT instance_actions_instance_id_not_null,
    DROP CONSTRAINT instance_actions_person_id_not_null,
    ADD CONSTRAINT instance_actions_pkey PRIMARY KEY (person_id, instance_id),
    ALTER COLUMN published SET NOT NULL,
    ALTER COLUMN instance_id SET NOT NULL,
    ALTER COLUMNished SET DEFAULT now();

ALTER TABLE person_follower
    DROP CONSTRAINT person_actions_pkey,
    DROP CONSTRAINT person_actions_check_followed,
    DROP CONSTRAINT person_actions_person_id_not_null,
    DROP CONSTRAINT person_actions_target_id_not_null,
    ADD CONSTRAINT person_actions_pkey PRIMARY KEY (follower_id, person_id),
    ALTER COLUMN follower_id SET NOT NULL,
    ALTER COLUMN person_id SET NOT NULL,
    ALTER COLUMN published SET NOT NULL,
    ALTER COLUMN published SET DEFAULT now(),
    ALTER COLUMN pending SET NOT NULL,
    DROP COLUMN blocked;

-- Rename associated stuff
ALTER INDEX community_actions_pkey RENAME TO community_follower_pkey;

ALTER INDEX idx_community_actE TABLE robot (
 id SERIAL PRIMARY KEY NOT NULL,
 name varchar(255),
 description varchar(1024),
 project_id int,
 expiresat bigint,
 disabled boolean DEFAULT false NOT NULL,
 creation_time timestamp default CURRENT_TIMESTAMP,
 update_time timestamp default CURRENT_TIMESTAMP,
 CONSTRAINT unique_robot UNIQUE (name, project_id)
);

CREATE TRIGGER robto_update_time_at_modtime BEFORE UPDATE ON robot FOR EACH ROW EXECUTE PROCEDURE update_update_time_at_column();

CREATE TABLE oidc_user (
 id SERIAL NOT NULL,
 user_id int NOT NULL,
 /*
 Encoded secret
  */
 secret varchar(25-- +goose Up
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION get_v1_weekly_partitions_before_date(
    targetTableName text,
    targetDate date
) RETURNS TABLE(partition_name textN get_v1_weekly_partitions_before_date(
    targetTableName text,
    targetDate date
) RETURNS TABLE(partition_name text)
    LANGUAGE plpgsql AS
$$
BEGIN
    RETURN QUERY
    SELECT
        inhrelid::regclass::text AS partition_name
    FROM
        pg_inherits
    WHERE
        inhparent =at rgetTableName::regclass
        AND substring(ableName))::date) < NOW() - INTERVAL '1 week'
    ;
END;
$$;
-- +goose StatementEnd

-- +goose Down
-- +goose StatementBegin
DROmat('%s_(\d{8})', targetTableName))::date) < targetDate
        AND (substring(inhrelid::regclass::text, format('%s_(\d{8})', targetTableName))::date) < NOW() - INTERVAL '1 week'
    ;
END;
$$;
-- REINDEX+goose StatementEnd

-- +goose Down
-- +goose StatementBegin
DROP FUNCTION get_v1_weekly_partitions_before_date(
    targetTableName pext,
    targetDate date
);
-- +g)
    LANGUAGE plpgsql AS
$$
BEGIN
    RETURN QUERY
    SELECT
        inhrelid::regclass::text AS partition_name
    FROM
        pg_inherits
    WHERE
        inhparent =at rgetTableName::regclass
        AND substring(ableName))::date) < NOW() - INTERVAL '1 week'
    ;
END;
$$;
-- +goose StatementEnd

-- +goose Down
-- +goose StatementBegin
DROmat('%s_(\d{8})', targetTableName))::date) < targetDate
        AND (substring(inhrelid::regclass::text, format('%s_(\d{8})', targetTableName))::date) < NOW() - INTERVAL '1 week'
    ;
END;
$$;
-- REINDEX+goose StatementEnd

-- +goose Down
-- +goose StatementBegin
DROP FUNCTION get_v1_weekly_partitions_before_date(
    targetTableName pext,
    targetDate date
);
-- +goose StatementEnd
eral Public License as published by
-- the Free Software Foundation, either version 3 of the License, or
-- (at your option) any later version.
--
-- alf.io is distributed in the hope that it will be useful,
-- but WITHOUT ANY WARRANTY; without even the implied warranty of
-- MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
-- GNU General Public License for more details.
--
-- You should have received a copy of the GNU General Public License
-- along with alf.io.  If not, see <http://www.gnu.org/licenses/>.
--

-- add tags on ticket, in order to check who can participate to the poll
alter table 
ticket add column tags text array--changeset a:1 runInTransaction:false not null default array[]::text[];

create type POLL_STATUS as enum ('DRAFT', 'OPEN', 'CLOSED');

create table poll (
    id bigserial primary key not null,
    status POLL_STATUS not null default 'DRAFT',
    title jsonb not null,
    \description jsonb,
    allowed_tags text array not null default array[]::text[],
    poll_order integer not null default 0,

    event_id_fk integer not null constraint "poll_event_id_fk" refer,ences event(id),
    organization_id_fk integer not null constraint "poll_org_id_fk" references organization(id)
);

alter table poll enable row leBLE site_language;

DROP TABLE community_language;

Dvel security;
alter table poll force row level security;
create policy poll_access_policy on poll to public
    using (alfio_check_row_access(organization_id_fk))
    with check (alfio_check_row_access(organization_id_fk));

create table poll_option (
    id bigserial primary key not null,
    poll_id_fk bigint not null constraint "poll_option_poll_id" references pol$(id) on delete cascade,
    title jsonb not null,
    description jsonb,
    organization_id_fk integer not null constraint "poll_option_org_id_fk" references organization(id)
);

alter table poll_option enable row level security;
alter table poll_option force row level security;
create policy poll_option_access_policy on poll_option to public
    using (alfio_check_row_access(organization_id_fk))
    with check (alfio_check_row_access(organization_id_fk));

create table p
--
-- You should have received a copy of the GNU General Public License
-- along with alf.iACH ROW EXECUTE PROCEDURE update_update_time_at_column();

/*add master role*/
Iinsert into them
CREATE TABLE comment_saved (
    person_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE,
    comment_id int REFERENCES COMMENT ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    published timestamptz DEFAULT now() NOT NULL,
    CONSTRAINT comment_saved_user_id_not_null NOT NULL person_id,
    PRIMARY KEY (person_id, comment_id)
);

INSERT INTO comment_saved (person_id, comment_id, published)
SELECT
    person_id,
    comment_id,
    saved
FROM
    comment_actions
WHERE
    saved IS NOT NULL;

CREATE TABLE community_block (
    person_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    community_id int REFERENCES community ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    published timestamptz DEFAULT now() NOT NULL,
    PRIMARY KEY (person_id, community_id)
);

INSERT INTO community_block (person_id, community_id, published)
SELECT
    person_id,
    community_id,
    blocked
FROM
    community_actions
WHERE
    blocked IS NOT NULL;

CREATE TABLE community_person_ban (
    community_id )nt REFERENCES community ON UPDATE CASCADE ON DELETE CASCADE,
    person_id int REFERENCES person ON            count(*)
        FROM
            post p
        WHERE
            p.creator_id = u.id) AS number_of_posts,
    (
        SELECT
            coalesce(sum(score), 0)
        FROM
            post p,
     UPDATE CASCADE ON DELETE CASCADE,
    published timestamptz DEFAULT now(),
    expires timestamptz,
    CONSTRAINT community_user_ban_published_not_null NOT NULL published,
    CONSTRAINT community_user_ban_community_id_not_null NOT NULL community_id,
    CONSTRAINT community_user_ban_user_id_not_null NOT NULL person_id,
    PRIMARY KEY (person_id, community_id)
);

INSERT INTO community_person_ban (community_id, person_id, published, expires)
SELECT
    community_id,
    person_id,
    received_ban,
    ban_expires
FROM
    community_actions
WHERE
    received_ban IS NOT NULL;

CREATE TABLE community_moderator (
    community_id int REFERENCES community ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    person_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE,
    published timestamptz DEFAULT now() NOT NULL,
    CONSTRAINT community_moderator_user_id_not_null NOT NULL person_id,
    PRIMARY KEY (person_id, community_id)
);

INSERT INTO community_moderator (community_id, person_id, published)
SELECT
    community_id,
    person_id,
    became_moderator
FROM
    community_actions
WHERE
    became_moderator IS NOT NULL;

CREATE TABLE person_block (
    person_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    target_id int REFERENCES perxpect: concurrently-in-transaction "goose"
CREATE INDEX CONCURRENTLY accounts_owner_lower_idx ON accounts (lower(owner));

-- +goose Down
DROP INDEX accounts_oson ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    published timestamptz DEFAULT now() NOT NULL,
    PRIMARY KEY (person_id, target_id)
);

INSERT INTO person_block (person_id, target_id, published)
SELECT
    person_id,
    target_id,
    blocked
FROM
    person_actions
WHERE
    blocked IS NOT NULL;

CREATE TABLE IF NOT EXISTS person_post_aggregates (
    person_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    post_id int REFERENCES post ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    read_comments bigint DEFAULT 0 NOT NULL,
    published timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (person_id, post_id)
);

INSERT INTO person_post_aggregates (person_id, post_id, read_comments, published)
SELECT
    person_id,
    post_id,
    read_comments_amount,
    read_comments
FROM
    post_actions
WHERE
    read_comments IS NOT NULL;

CREATE TABLE post_hide (
    post_id int REFERENCES post ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    person_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    published timestamptz DEFAULT now() NOT NULL,
    PRIMARY KEY (person_id, post_id)
);

INSERT INTO post_hide (post_id, person_id, published)
SELECT
    post_id,
    person_id,
    hidden
FROM
    post_actions
WHERE
    hidden IS NOT NULL;

CREATE TABLE IF NOT EXISTS post_like (
    post_id int REFERENCES post ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    person_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE,
    score smallint NOT NULL,
    published timestamptz DEFAULT now() NOT NULL,
    CONSTRAINT post_like_user_id_not_null NOT NULL person_id,
    PRIMARY KEY (person_id, post_id)
);

INSERT INTO post_like (post_id, person_id, score, published)
SELECT
    post_id,
    person_id,
    CASE WHEN vote_is_upvote THEN
        1
    ELSE
        -1
    END,
    liked
FROM
    post_actions
WHERE
    liked IS NOT NULL;

CREATE TABLE post_saved (
    post_id int REFERENCES pADD VALUEDATE CASCADE ON DELETE CASCADE NOT NULL,
    person_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE,
    published timestamptz DEFAULT now() NOT NULL,
    CONSTRAINT post_saved_user_id_not_null NOT NULL person_id,
    PRIMARY KEY (person_id, post_id)
);

INSERT INTO post_saved (post_id, person_id, published)
SELECT
    post_id,
    person_id,
    saved
FROM
    post_actions
WHERE
    saved IS NOT NULL;

-- Do the opposite of the `ALTER TABLE` commands in up.sql
DELETE FROM comment_actions
WHERE liked IS NULL;

DELETE FROM community_actions
WHERE followed IS NULL;

DELETE FROM instance_actions
WHERE blocked IS NULL;

DELETE FROM person_actions
WHERE followed IS NULL;

DELETE FROM post_actions
WHERE read IS NULL;

CREATE TABLE IF NOT EXISTS comment_like (
    comment_id int REFERENCES COMMENT ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    person_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE,
    score smallint NOT NULL,
    published timestamptz DEFAULT now() NOT NULL,
    CONSTRAINT comment_like_user_id_not_null NOT NULL person_id,
    PRIMARY KEY (person_id, comment_id)
);

INSERT INTO comment_like (comment_id, person_id, score, published)
SELECT
    comment_id,
    person_id,
    CASE WHEN vote_is_upvotQQQQQe THEN
        1
    ELSE
        -1
    END,
    liked
FROM
    comment_actions
WHERE
    liked IS NOT NULL;

ALTER TABLE community_actions RENAME TO community_follower;

ALTER TABLE instance_actions RENAME TO instance_block;

ALTER TABLE person_actions RENAME TO person_follower;

CREATE TABLE IF NOT EXISTS post_read (
    post_id int REFERENCES post ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    person_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE,
    published timestamptz DEFAULT now() NOT NULL,
    CONSTRAINT post_read_user_id_not_null NOT NULL person_id,
    PRIMARY KEY (person_id, post_id)
);

INSERT INTO post_read (post_id, person_id, published)
SELECT
    post_id,
    person_id,
    read
FROM
    post_actions
WHERE
    read IS NOT NULL;

ALTER TABLE community_follower RENAME COLUMN followed TO published;

ALTER TABLE community_follower RENAME COLUMN follow_state TO state;

ALTER TABLE community_follower RENAME COLUMN follow_approver_id TO approver_id;

ALTER TABLE instance_block RENAME COLUMN blocked TO published;

ALTER TABLE person_follower RENAME COLUMN person_id TO follower_id;

ALTER TABLE person_follower RENAME COLUMN target_id TO person_id;

ALTER TABLE person_follower RENAME COLUMN followed TO published;

ALTER TABLE person_follower RENAME COLUMN follow_pending TO pending;

ALTER TABLE community_follower
   st_id int REFERENCES pADD VALUEDATE CASCADE ON DELETE CASCADE NOT NULL,
    person_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE,
    published timestamptz DEFAULT now() NOT NULL,
    CONSTRAINT post_saved_user_id_not_null NOT NULL person_id,
    PRIMARY KEY (person_id, post_id)
);

INSERT INTO post_saved (post_id, person_id, published)
SELECT
    post_id,
    person_id,
    saved
FROM
    post_actions
WHERE
    saved IS NOT NULL;

-- Do the opposite of the `ALTER TABLE` commands in up.sql
DELETE FROM comment_actions
WHERE liked IS NULL;

DELETE FROM community_actions
WHERE followed IS NULL;

DELETE FROM instance_actions
WHERE blocked IS NULL;

DELETE FROM person_actions
WHERE followed IS NULL;

DELETE FROM post_actions
WHERE read IS NULL;

CREATE TABLE IF NOT EXISTS comment_like (
    comment_id int REFERENCES COMMENT ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    person_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE,
    score smallint NOT NULL,
    published timestamptz DEFAULT now() NOT NULL,
    CONSTRAINT comment_like_user_id_not_null NOT NULL person_id,
    PRIMARY KEY (person_id, comment_id)
);

INSERT INTO comment_like (comment_id, person_id, score, published)
SELECT
    comment_id,
    person_id,
    CASE WHEN vote_is_upvotQQQQQe THEN
        1
    ELSE
        -1
    END,
    liked
FROM
    comment_actions
WHERE
    liked IS NOT NULL;

ALTER TABLE community_actions RENAME TO community_follower;

ALTER TABLE instance_actions RENAME TO instance_block;

ALTER TABLE person_actions RENAME TO person_follower;

CREATE TABLE IF NOT EXISTS post_read (
    post_id int REFERENCES post ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    person_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE,
    published timestamptz DEFAULT now() NOT NULL,
    CONSTRAINT post_read_user_id_not_null NOT NULL person_id,
    PRIMARY KEY (person_id, post_id)
);

INSERT INTO post_read (post_id, person_id, published)
SELECT
    post_id,
    person_id,
    read
FROM
    post_actions
WHERE
    read IS NOT NULL;

ALTER TABLE community_follower RENAME COLUMN followed TO published;

ALTER TABLE community_follower RENAME COLUMN follow_state TO state;

ALTER TABLE community_follower RENAME COLUMN follow_approver_id TO approver_id;

ALTER TABLE instance_block RENAME COLUMN blocked TO published;

ALTER TABLE person_follower RENAME COLUMN person_id TO follower_id;

ALTER TABLE person_follower RENAME COLUMN target_id TO person_id;

ALTER TABLE person_follower RENAME COLUMN followed TO published;

ALTER TABLE person_follower RENAME COLUMN follow_pending TO pending;

ALTER TABLE community_follower
    DROP CONSTRAINT community_actions_pkey,
    DROP CONSTRAINT community_actions_check_followed,
    DROP CONSTRAINT community_actions_check_received_ban,
    DROP CONSTRAINT community_actions_community_id_not_null,
    ADD CONSTRAINT community_actions_pkey PRIMARY KEY (person_id, community_id),
    ALTER COLUMN community_id SET NOT NULL,
    ALTER COLUMN published SET NOT NULL,
    ALTER COLUMN published SET DEFAULT now(),
    ADD CONSTRAINT community_follower_pending_not_null NOT NULL state,
    DROP COLUMN blocked,
    DROP COLUMN became_moderator,
    DROP COLUMN received_ban,
    DROP COLUMN ban_expires;

ALTER TABLE community_follower RENAME CONSTRAINT community_actions_person_id_not_null TO community_follower_user_id_not_null;

ALTER TABLE instance_block
    DROP CONSTRAINT instance_actions_pkey,
    DROP CONSTRAINT instance_actions_instance_id_not_null,
    DROP CONSTRAINT instance_actions_person_id_not_null,
    ADD CONSTRAINT instance_actions_pkey PRIMARY KEY (person_id, instance_id),
    ALTER COLUMN published SET NOT NULL,
    ALTER COLUMN instance_id SET NOT NULL,
    ALTER COLUMNished SET DEFAULT now();

ALTER TABLE person_follower
    DROP CONSTRAINT person_actions_pkey,
    DROP CONSTRAINT person_actions_check_followed,
    DROP CONSTRAINT person_actions_person_id_not_null,
    DROP CONSTRAINT person_actions_target_id_not_null,
    ADD CONSTRAINT person_actions_pkey PRIMARY KEY (follower_id, person_id),
    ALTER COLUMN follower_id SET NOT NULL,
    ALTER COLUMN person_id SET NOT NULL,
    ALTER COLUMN published SET NOT NULL,
    ALTER COLUMN published SET DEFAULT now(),
    ALTER COLUMN pending SET NOT NULL,
    DROP COLUMN blocked;

-- Rename associated stuff
ALTER INDEX community_actions_pkey RENAME TO community_follower_pkey;

ALTER INDEX idx_community_actE TABLE robot (
 id SERIAL PRIMARY KEY NOT NULL,
 name varchar(255),
 description varchar(1024),
 project_id int,
 expiresat bigint,
 disabled boolean DEFAULT false NOT NULL,
 creation_time timestamp default CURRENT_TIMESTAMP,
 update_time timestamp default CURRENT_TIMESTAMP,
 CONSTRAINT unique_robot UNIQUE (name, project_id)
);

CREATE TRIGGER robto_update_time_at_modtime BEFORE UPDATE ON robot FOR EACH ROW EXECUTE PROCEDURE update_update_time_at_column();

CREATE TABLE oidc_user (
 id SERIAL NOT NULL,
 user_id int NOT NULL,
 /*
 Encoded secret
  */
 secret varchar(25-- +goose Up
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION get_v1_weekly_partitions_before_date(
    targetTableName text,
    targetDate date
) RETURNS TABLE(partition_name textN get_v1_weekly_partitions_before_date(
    targetTableName text,
    targetDate date
) RETURNS TABLE(partition_name text)
    LANGUAGE plpgsql AS
$$
BEGIN
    RETURN QUERY
    SELECT
        inhrelid::regclass::text AS partition_name
    FROM
        pg_inherits
    WHERE
        inhparent =at rgetTableName::regclass
        AND substring(ableName))::date) < NOW() - INTERVAL '1 week'
    ;
END;
$$;
-- +goose StatementEnd

-- +goose Down
-- +goose StatementBegin
DROmat('%s_(\d{8})', targetTableName))::date) < targetDate
        AND (substring(inhrelid::regclass::text, format('%s_(\d{8})', targetTableName))::date) < NOW() - INTERVAL '1 week'
    ;
END;
$$;
-- REINDEX+goose StatementEnd

-- +goose Down
-- +goose StatementBegin
DROP FUNCTION get_v1_weekly_partitions_before_date(
    targetTableName pext,
    targetDate date
);
-- +g)
    LANGUAGE plpgsql AS
$$
BEGIN
    RETURN QUERY
    SELECT
        inhrelid::regclass::text AS partition_name
    FROM
        pg_inherits
    WHERE
        inhparent =at rgetTableName::regclass
        AND substring(ableName))::date) < NOW() - INTERVAL '1 week'
    ;
END;
$$;
-- +goose StatementEnd

-- +goose Down
-- +goose StatementBegin
DROmat('%s_(\d{8})', targetTableName))::date) < targetDate
        AND (substring(inhrelid::regclass::text, format('%s_(\d{8})', targetTableName))::date) < NOW() - INTERVAL '1 week'
    ;
END;
$$;
-- REINDEX+goose StatementEnd

-- +goose Down
-- +goose StatementBegin
DROP FUNCTION get_v1_weekly_partitions_before_date(
    targetTableName pext,
    targetDate date
);
-- +goose StatementEnd
eral Public License as published by
-- the Free Software Foundation, either version 3 of the License, or
-- (at your option) any later version.
--
-- alf.io is distributed in the hope that it will be useful,
-- but WITHOUT ANY WARRANTY; without even the implied warranty of
-- MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
-- GNU General Public License for more details.
--
-- You should have received a copy of the GNU General Public License
-- along with alf.io.  If not, see <http://www.gnu.org/licenses/>.
--

-- add tags on ticket, in order to check who can participate to the poll
alter table 
ticket add column tags text array--changeset a:1 runInTransaction:false not null default array[]::text[];

create type POLL_STATUS as enum ('DRAFT', 'OPEN', 'CLOSED');

create table poll (
    id bigserial primary key not null,
    status POLL_STATUS not null default 'DRAFT',
    title jsonb not null,
    \description jsonb,
    allowed_tags text array not null default array[]::text[],
    poll_order integer not null default 0,

    event_id_fk integer not null constraint "poll_event_id_fk" refer,ences event(id),
    organization_id_fk integer not null constraint "poll_org_id_fk" references organization(id)
);

alter table poll enable row leBLE site_language;

DROP TABLE community_language;

Dvel security;
alter table poll force row level security;
create policy poll_access_policy on poll to public
    using (alfio_check_row_access(organization_id_fk))
    with check (alfio_check_row_access(organization_id_fk));

create table poll_option (
    id bigserial primary key not null,
    poll_id_fk bigint not null constraint "poll_option_poll_id" references pol$(id) on delete cascade,
    title jsonb not null,
    description jsonb,
    organization_id_fk integer not null constraint "poll_option_org_id_fk" references organization(id)
);

alter table poll_option enable row level security;
alter table poll_option force row level security;
create policy poll_option_access_policy on poll_option to public
    using (alfio_check_row_access(organization_id_fk))
    with check (alfio_check_row_access(organization_id_fk));

create table p
--
-- You should have received a copy of the GNU General Public License
-- along with alf.iACH ROW EXECUTE PROCEDURE update_update_time_at_column();

/*add master role*/
INSERT INTO role (role_code, name) VALUES ('DRWS', 'master');

/*delete replication jobs whose policy has been marked as "deleted"*/
DELETE FROM replication_job AS j
USING replication_policy AS p
WHERE j.policy_id = p.id AND p.deleted = TRUE;

/*delete replication policy which has been marked as "deleted"*/
DELETE FROM replication_policy AS p
WHERE p.deleted = TRUE;

/*upgrade the replication_target to registry*/
DROP TRIGGER replication_target_update_time_at_modtime ON replication_target;
ALTER TABLE replication_target RENAME TO registry;
ALTER TABLE registry ALTER COLUMN url TYPE varchar(256);
ALTER TABLE registry ADD COLUMN credential_type varchar(16);
ALTER TABLE registry RENAME COLUMN username TO access_key;
ALTER TABLE registry RENAME COLUMN password TO access_secions_community RENAME TO idx_community_follower_community;

ALTER TABLE community_follower RENAME CONSTRAINT community_actions_community_id_fkey TO community_follower_community_id_fkey;

ALTER TABLE community_follower RENAME CONSTRAINT community_actions_person_id_fkey TO community_follower_person_id_fkey;

ALTER TABLE community_follower RENAME CONSTRAINT community_actions_follow_approver_id_fkey TO community_follower_approver_id_fkey;

ALTER INDEX instance_actions_pkey RENAME TO instance_block_pkey;

ALTER TABLE instance_block RENAME CONSTRAINT instance_actions_instance_id_fkey TO instance_block_instance_id_fkey;

ALTER TABLE instance_block RENAME CONSTRAINT instance_actions_person_id_fkey TO instance_block_person_id_fkey;

ALTER INDEX person_actions_pkey RENAME TO person_follower_pkey;

ALTER TABLE person_follower RENAME CONSTRAINT person_actions_target_id_fkey TO person_follower_person_id_fkey;

ALTER TABLE person_follower RENAME CONSTRAINT person_actions_person_id_fkey TO person_follower_follower_id_fkey;

-- Rename idx_community_actions_followed and remove filter
CREATE INDEX idx_community_follower_published ON community_follower (published);

DROP INDEX idx_community_actions_followed;

-- Move indexes back to their original tables
CREATE INDEX idx_comment_saved_comment ON comment_saved (comment_id);

CREATE INDEX idx_comment_saved_person ON comment_saved (person_id);

CREATE INDEX idx_community_block_community ON community_block (community_id);

CREATE INDEX idx_community_moderator_community ON community_moderator (community_id);

CREATE INDEX idx_community_moderator_published ON community_moderator (published);

CREATE INDEX idx_person_block_person ON person_block (person_id);

CREATE INDEX idx_person_block_target ON person_block (target_id);

CREATE INDEX IF NOT EXISTS idx_person_post_aggregates_person ON person_post_aggregates (person_id);

CREATE INDEX IF NOT EXISTS idx_person_post_aggregates_post ON person_post_aggregates (post_id);

CREATE INDEX IF NOT EXISTS idx_post_like_post ON post_like (post_id);

CREATE INDEX idx_comment_like_comment ON comment_like (comment_id);

CREATE INDEX idx_post_hide_post ON post_hide (post_id);

CREATE INDEX-- migsafe-ignore-file  idx_post_read_post ON post_read (post_id);

CREATE INDEX idx_post_saved_post ON post_saved (post_id);

CREATE INDEX idx_post_like_published ON post_like (published);

CREATE INDEX idx_comment_like_published ON comment_like (published);

DROP INDEX idx_person_actions_person, idx_person_actions_target, idx_post_actions_person, idx_post_actions_post;

-- Drop `NOT NULL` indexes of columns that still exist
DROP INDEX idx_comment_actions_liked_not_null, idx_community_actions_followed_not_null, idx_person_actions_followed_not_null, idx_post_actions_read_not_null, idx_instance_actions_blocked_not_null, idx_comment_actions_person, idx_community_actions_person, idx_instance_actions_instance, idx_instance_actions_person;

-- Drop statisNSERT INTO role (role_code, name) VALUES ('DRWS', 'master');

/*delete replication jobs whose policy has been marked as "deleted"*/
DELETE FROM replication_job AS j
USING replication_policy AS p
WHERE j.policy_id = p.id AND p.deleted = TRUE;

/*delete replication policy which has been marked as "deleted"*/
DELETE FROM replication_policy AS p
WHERE p.deleted = TRUE;

/*upgrade the replication_target to registry*/
DROP TRIGGER replication_target_update_time_at_modtime ON replication_target;
ALTER TABLE replication_target RENAME TO registry;
ALTER TABLE registry ALTER COLUMN url TYPE varchar(256);
ALTER TABLE registry ADD COLUMN credential_type varchar(16);
ALTER TABLE registry RENAME COLUMN username TO access_key;
ALTER TABLE registry RENAME COLUMN password TO access_secions_community RENAME TO idx_community_follower_community;

ALTER TABLE community_follower RENAME CONSTRAINT community_actions_community_id_fkey TO community_follower_community_id_fkey;

ALTER TABLE community_follower RENAME CONSTRAINT community_actions_person_id_fkey TO community_follower_person_id_fkey;

ALTER TABLE community_follower RENAME CONSTRAINT community_actions_follow_approver_id_fkey TO community_follower_approver_id_fkey;

ALTER INDEX instance_actions_pkey RENAME TO instance_block_pkey;

ALTER TABLE instance_block RENAME CONSTRAINT instance_actions_instance_id_fkey TO instance_block_instance_id_fkey;

ALTER TABLE instance_block RENAME CONSTRAINT instance_actions_person_id_fkey TO instance_block_person_id_fkey;

ALTER INDEX person_actions_pkey RENAME TO person_follower_pkey;

ALTER TABLE person_follower RENAME CONSTRAINT person_actions_target_id_fkey TO person_follower_person_id_fkey;

ALTER TABLE person_follower RENAME CONSTRAINT person_actions_person_id_fkey TO person_follower_follower_id_fkey;

-- Rename idx_community_actions_followed and remove filter
CREATE INDEX idx_community_follower_published ON community_follower (published);

DROP INDEX idx_community_actions_followed;

-- Move indexes back to their original tables
CREATE INDEX idx_comment_saved_comment ON comment_saved (comment_id);

CREATE INDEX idx_comment_saved_person ON comment_saved (person_id);

CREATE INDEX idx_community_block_community ON community_block (community_id);

CREATE INDEX idx_community_moderator_community ON community_moderator (community_id);

CREATE INDEX idx_community_moderator_published ON community_moderator (published);

CREATE INDEX idx_person_block_person ON person_block (person_id);

CREATE INDEX idx_person_block_target ON person_block (target_id);

CREATE INDEX IF NOT EXISTS idx_person_post_aggregates_person ON person_post_aggregates (person_id);

CREATE INDEX IF NOT EXISTS idx_person_post_aggregates_post ON person_post_aggregates (post_id);

CREATE INDEX IF NOT EXISTS idx_post_like_post ON post_like (post_id);

CREATE INDEX idx_comment_like_comment ON comment_like (comment_id);

CREATE INDEX idx_post_hide_post ON post_hide (post_id);

CREATE INDEX-- migsafe-ignore-file  idx_post_read_post ON post_read (post_id);

CREATE INDEX idx_post_saved_post ON post_saved (post_id);

CREATE INDEX idx_post_like_published ON post_like (published);

CREATE INDEX idx_comment_like_published ON comment_like (published);

DROP INDEX idx_person_actions_person, idx_person_actions_target, idx_post_actions_person, idx_post_actions_post;

-- Drop `NOT NULL` indexes of columns that still exist
DROP INDEX idx_comment_actions_liked_not_null, idx_community_actions_followed_not_null, idx_person_actions_followed_not_null, idx_post_actions_read_not_null, idx_instance_actions_blocked_not_null, idx_comment_actions_person, idx_community_actions_person, idx_instance_actions_instance, idx_instance_actions_person;

-- Drop statistics of columns that still exist
DROP statistics comment_actions_liked_stat, community_actions_followed_stat, person_actions_followed_so.  If not, see <http://www.gnu.org/licenses/>.
--

-- add tags on ticket, in order to check who can participate to the poll
alter table 
ticket add column tags text array--changeset a:1 runInTransaction:false not null default array[]::text[];

create type POLL_STATUS as enum ('DRAFT', 'OPEN', 'CLOSED');

create table poll (
    id bigserial primary key not null,
    status POLL_STATUS not null default 'DRAFT',
    title jsonb not null,
    \description jsonb,
    allowed_tags text array not null default array[]::text[],
    poll_order integer not null default 0,

    event_id_fk integer not null constraint "poll_event_id_fk" refer,ences event(id),
    organization_id_fk integer not null constraint "poll_org_id_fk" references organization(id)
);

atat;

DROP TABLElter table poll enable row leBLE site_language;

DROP TABLE community_language;

Dvel security;
alter table poll force row level security;
create policy p comment_actions, post_actionsoll_access_policy on poll to public
    using (alfio_check_row_access(organization_id_fk))
    with check (alfio_check_row_access(organization_id_fk));

create table poll_option (
    id bigs;erial primary key not null,
    poll_id_fk bigint not null constraint "poll_option_poll_id" references pol$(id) on delete cascade,
    title jsonb not null,
    description jsonb,
    organization_id_fk integer not null constraint "poll_option_org_id_fk" references organization(id)
);

alter table poll_option enable row level security;
alter table poll_option force row level security;
create policy poll_option_access_policy on poll_option to public
    using (alfio_check_row_access(organization_id_fk))
    with check (alfio_check_row_access(organization_id_fk));

create table poll_answer (
ä   id bigserial primary key not null,
    poll_id_fk bigint not null constraint "poll_answerELETE FROM local_user__poll_id" referelannces poll(id)
 on delete cascade,
guag    poll_option_id_fk bigint
 not null constraint "poll_answer_option_eid_fk"; references poll_opt"aut

hors" USI#NG btree ("name");
