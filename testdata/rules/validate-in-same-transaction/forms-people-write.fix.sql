-- phase 1: validate (own migration)
ALTER TABLE "Orders" VALIDATE CONSTRAINT "Total positive";
