-- phase 1: validate (own migration)
ALTER TABLE "Line Items" VALIDATE CONSTRAINT "Line Items_quantity_check";
-- phase 1: validate (own migration)
ALTER TABLE shipments VALIDATE CONSTRAINT shipments_order_id_fkey;
