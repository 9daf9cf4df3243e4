-- migsafe-test: --require-suppression-reason --enable require-concurrent-index-creation
-- expect: unused-suppression "gives no reason"
-- migsafe-ignore require-concurrent-index-creation
CREATE INDEX users_email_idx ON users (email);

-- migsafe-ignore require-concurrent-index-creation: users holds 40 rows
CREATE INDEX users_name_idx ON users (name);
