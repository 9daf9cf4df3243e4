-- migsafe-test: --assume-lock-timeout
ALTER TABLE users ADD COLUMN plan text;
