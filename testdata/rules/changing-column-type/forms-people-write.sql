-- expect: changing-column-type "TYPE bigint"
ALTER TABLE ONLY public.events ALTER COLUMN counter SET DATA TYPE bigint;
-- expect: changing-column-type
ALTER TABLE IF EXISTS "Accounts" ALTER "Balance" TYPE numeric(12, 2) USING "Balance"::numeric(12, 2);
-- expect: changing-column-type "amount"
-- expect: changing-column-type "currency"
ALTER TABLE payments ALTER COLUMN amount TYPE numeric(20, 4), ALTER COLUMN currency TYPE char(3), ADD COLUMN note text;
