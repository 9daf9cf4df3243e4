CREATE TABLE users_copy (LIKE users INCLUDING ALL);
INSERT INTO users_copy SELECT * FROM users;
-- expect: require-concurrent-index-creation
CREATE INDEX users_copy_email_idx ON users_copy (email);
