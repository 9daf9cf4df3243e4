-- migsafe-test: --enable require-concurrent-index-creation --enable changing-column-type
-- migsafe-ignore-file require-concurrent-index-creation: every table in this schema is tiny
CREATE INDEX users_email_idx ON users (email);
CREATE INDEX orders_user_idx ON orders (user_id);

-- expect: unused-suppression "File-wide suppression of changing-column-type"
-- migsafe-ignore-file changing-column-type: no column changes type here
ALTER TABLE users ADD COLUMN nickname text;
