BEGIN;
--
-- Create index polls_quest_text_idx on field(s) question_text of model question
--
-- expect: concurrently-in-transaction "explicit BEGIN"
CREATE INDEX CONCURRENTLY "polls_quest_text_idx" ON "polls_question" ("question_text");
COMMIT;
