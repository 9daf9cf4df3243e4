-- The four patterns migsafe is known for, against existing tables.
ALTER TABLE users ALTER COLUMN id TYPE varchar(255);
CREATE INDEX users_email_idx ON users (email);
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);
BEGIN;
CREATE INDEX CONCURRENTLY orders_created_idx ON orders (created_at);
COMMIT;
