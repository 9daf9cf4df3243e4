-- migsafe-test: --assume-in-transaction
UPDATE users SET nickname = name WHERE nickname IS NULL;
-- expect: transaction-nesting "discarded while the runner records the migration as applied"
ABORT;
