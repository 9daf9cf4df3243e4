-- users exists now and has rows: this index build blocks every write to it.
CREATE INDEX users_email_idx ON users (email);
