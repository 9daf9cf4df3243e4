-- migsafe-test: --enable require-concurrent-index-creation --enable changing-column-type
-- A suppression on the line before the statement, used: nothing is reported.
-- migsafe-ignore require-concurrent-index-creation: users holds 40 rows
CREATE INDEX users_email_idx ON users (email);

-- At the end of the statement's last line, by another tool's alias.
CREATE INDEX users_name_idx ON users (name); -- migsafe-ignore squawk:require-concurrent-index-creation: 40 rows

-- Bare alias, block comment, and a reason after "--".
/* migsafe-ignore eugene:E6, add_index -- tiny table */
CREATE INDEX users_city_idx
    ON users (city);

-- Inside a multi-line statement.
ALTER TABLE users -- migsafe-ignore changing-column-type: users is empty in every environment
    ALTER COLUMN id TYPE bigint;

-- Nothing to suppress here: CONCURRENTLY is already safe.
-- expect: unused-suppression "matches no finding on the statement"
-- migsafe-ignore require-concurrent-index-creation: left over from an earlier version
CREATE INDEX CONCURRENTLY users_zip_idx ON users (zip);

-- Two rules, one of them used.
-- expect: unused-suppression "changing-column-type matches no finding"
-- migsafe-ignore require-concurrent-index-creation, changing-column-type: small table
CREATE INDEX users_phone_idx ON users (phone);

-- A comment on the line before covers only the next statement.
-- migsafe-ignore require-concurrent-index-creation: users holds 40 rows
CREATE INDEX users_a_idx ON users (a);
-- expect: require-concurrent-index-creation
CREATE INDEX users_b_idx ON users (b);

-- Text inside literals is not a comment.
SELECT '-- migsafe-ignore no-such-rule: inside a string', $$ /* migsafe-ignore */ $$;

-- A rule that is off in this run is not judged.
-- migsafe-ignore add-foreign-key-without-not-valid: checked by hand
ALTER TABLE orders ADD COLUMN note text;

-- Naming unused-suppression in the same comment keeps a deliberate one quiet.
-- migsafe-ignore require-concurrent-index-creation, unused-suppression: kept for the rebuild in release 42
CREATE INDEX CONCURRENTLY users_rebuild_idx ON users (rebuild);
-- expect: unused-suppression "silences no unused-suppression finding"
-- migsafe-ignore unused-suppression: nothing to silence here
SELECT 1;
