-- expect: drop-column "breaks application code"
ALTER TABLE users DROP COLUMN legacy_flag;
-- expect: drop-column
ALTER TABLE IF EXISTS ONLY app."Users" DROP COLUMN IF EXISTS "Old Name", ADD COLUMN note text;
ALTER TABLE users ADD COLUMN flags integer;
