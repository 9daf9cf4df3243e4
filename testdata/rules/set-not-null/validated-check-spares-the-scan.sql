-- The recommended sequence: no finding on PostgreSQL 12 and later.
ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT users_email_nn;
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
ALTER TABLE users DROP CONSTRAINT users_email_nn;

-- A CHECK added without NOT VALID is validated at once; an AND containing the test counts.
ALTER TABLE app.orders ADD CONSTRAINT orders_checks CHECK (total >= 0 AND customer_id IS NOT NULL);
ALTER TABLE app.orders ALTER COLUMN customer_id SET NOT NULL;

-- Unnamed CHECKs are known by the name PostgreSQL gives them.
ALTER TABLE "Line Items" ADD CHECK ("Quantity" IS NOT NULL) NOT VALID;
ALTER TABLE "Line Items" VALIDATE CONSTRAINT "Line Items_Quantity_check";
ALTER TABLE "Line Items" ALTER COLUMN "Quantity" SET NOT NULL, ALTER COLUMN note SET DEFAULT '';

-- A table created earlier in the same migration.
CREATE TABLE drafts (id bigint, title text);
ALTER TABLE drafts ALTER COLUMN title SET NOT NULL;
