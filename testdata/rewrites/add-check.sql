ALTER TABLE users ADD CONSTRAINT users_score_check CHECK (score IS NOT NULL);
