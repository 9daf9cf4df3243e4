-- migsafe-test: --enable require-concurrent-index-creation
-- A misspelt id suppresses nothing, so the finding it meant stays.
-- expect: unused-suppression "did you mean 'require-concurrent-index-creation'"
-- expect: require-concurrent-index-creation
-- migsafe-ignore require-concurrent-index-creaton: users holds 40 rows
CREATE INDEX users_email_idx ON users (email);

-- expect: unused-suppression "names no rule"
-- migsafe-ignore: forgot the rule id
ALTER TABLE users ADD COLUMN nickname text;

-- A reason without a colon reads as rule ids.
-- expect: unused-suppression "unknown rule 'because'"
-- expect: unused-suppression "unknown rule 'tiny'"
-- migsafe-ignore require-concurrent-index-creation because tiny
CREATE INDEX users_name_idx ON users (name);

-- A colon right after an id still separates the reason.
-- migsafe-ignore require-concurrent-index-creation:tiny table
CREATE INDEX users_city_idx ON users (city);

-- "migsafe-ignored" is not the directive.
-- migsafe-ignored by design
CREATE INDEX CONCURRENTLY users_zip_idx ON users (zip);

-- expect: unused-suppression "attached to no statement"
-- migsafe-ignore require-concurrent-index-creation: nothing follows
