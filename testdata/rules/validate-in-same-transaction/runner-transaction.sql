-- migsafe-test: --assume-in-transaction
-- Unnamed: PostgreSQL names it <table>_<column>_check.
ALTER TABLE "Line Items" ADD CHECK (quantity > 0) NOT VALID;
-- expect: validate-in-same-transaction "Line Items_quantity_check"
ALTER TABLE "Line Items" VALIDATE CONSTRAINT "Line Items_quantity_check";
ALTER TABLE shipments ADD FOREIGN KEY (order_id) REFERENCES orders (id) NOT VALID;
-- expect: validate-in-same-transaction "shipments_order_id_fkey"
ALTER TABLE shipments VALIDATE CONSTRAINT shipments_order_id_fkey;
