CREATE TABLE users (id bigint PRIMARY KEY, email text UNIQUE);
-- expect: foreign-key-type-mismatch "public.orders.user_id is integer but public.users.id, which it references, is bigint"
CREATE TABLE orders (id bigint PRIMARY KEY, user_id integer REFERENCES users);
CREATE TABLE app.logins (id bigint PRIMARY KEY, email varchar(320), user_ref uuid);
-- expect: foreign-key-type-mismatch "app.logins.email is character varying(320) but public.users.email, which it references, is text"
ALTER TABLE app.logins ADD CONSTRAINT logins_email_fkey FOREIGN KEY (email) REFERENCES users (email) NOT VALID;
-- A type change at either end breaks a key that matched.
CREATE TABLE invoices (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));
-- expect: foreign-key-type-mismatch "public.invoices.user_id is integer"
ALTER TABLE invoices ALTER COLUMN user_id TYPE integer;
CREATE TABLE "Plans" (id integer PRIMARY KEY);
CREATE TABLE subscriptions (plan_id integer REFERENCES "Plans");
-- expect: foreign-key-type-mismatch "foreign key subscriptions_plan_id_fkey: public.subscriptions.plan_id is integer but public.Plans.id, which it references, is bigint"
ALTER TABLE "Plans" ALTER COLUMN id TYPE bigint;
CREATE TABLE refunds (id bigint PRIMARY KEY);
-- expect: foreign-key-type-mismatch "public.refunds.order_id is integer"
ALTER TABLE refunds ADD COLUMN order_id int REFERENCES orders;
