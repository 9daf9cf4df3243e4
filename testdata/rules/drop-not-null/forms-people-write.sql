-- Schema-qualified, quoted, IF EXISTS, ONLY and several subcommands in one ALTER.
-- expect: drop-not-null "lets NULLs in"
ALTER TABLE app.users ALTER COLUMN email DROP NOT NULL;
-- expect: drop-not-null
ALTER TABLE "Accounts" ALTER COLUMN "Display Name" DROP NOT NULL;
-- expect: drop-not-null
ALTER TABLE IF EXISTS ONLY public.orders ALTER COLUMN placed_at DROP NOT NULL;
-- expect: drop-not-null
ALTER TABLE orders ADD COLUMN note text, ALTER COLUMN total DROP NOT NULL;
-- Setting NOT NULL, or dropping a default, is not this rule's business.
ALTER TABLE orders ALTER COLUMN total DROP DEFAULT;
