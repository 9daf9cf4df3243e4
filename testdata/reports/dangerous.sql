-- migsafe-test: --enable require-concurrent-index-creation --enable changing-column-type --enable add-foreign-key-without-not-valid --enable concurrently-in-transaction
-- Columns count characters: café and 😀 before a finding must not shift it.
/* café 😀 */ CREATE INDEX users_email_idx ON users (email);
ALTER TABLE users ALTER COLUMN id TYPE varchar(255);
ALTER TABLE orders
  ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);
BEGIN;
CREATE INDEX CONCURRENTLY orders_total_idx ON orders (total);
COMMIT;
SELEC broken;
CREATE TABLE fresh (id bigint);
CREATE INDEX fresh_id_idx ON fresh (id);
