-- migsafe-test: --assume-in-transaction
CREATE TABLE users (id bigint PRIMARY KEY);
DROP TABLE legacy_users;
