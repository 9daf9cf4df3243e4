-- ONLY and quoted names in the same transaction as the NOT VALID constraint.
BEGIN;
ALTER TABLE ONLY "Orders" ADD CONSTRAINT "Total positive" CHECK ("Total" >= 0) NOT VALID;
-- expect: validate-in-same-transaction "still holds ACCESS EXCLUSIVE on Orders"
ALTER TABLE ONLY "Orders" VALIDATE CONSTRAINT "Total positive";
COMMIT;
-- Validated in a later transaction: fine.
BEGIN;
ALTER TABLE ONLY app.items ADD CONSTRAINT items_qty_check CHECK (qty > 0) NOT VALID;
COMMIT;
BEGIN;
ALTER TABLE ONLY app.items VALIDATE CONSTRAINT items_qty_check;
COMMIT;
