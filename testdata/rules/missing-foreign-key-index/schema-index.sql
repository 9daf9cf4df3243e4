-- migsafe-test: --schema=context/shop.sql
-- The index is in the schema already.
ALTER TABLE payments ADD CONSTRAINT payments_customer_fkey FOREIGN KEY (customer_id) REFERENCES customers NOT VALID;
-- expect: missing-foreign-key-index "public.shipments (customer_id)"
ALTER TABLE shipments ADD CONSTRAINT shipments_customer_fkey FOREIGN KEY (customer_id) REFERENCES customers NOT VALID;
