-- The schema and rows every rewrite case starts from: more rows than one backfill
-- batch, NULLs, the extremes of integer, and non-ASCII text.
CREATE TABLE users (id bigint PRIMARY KEY, email text, plan text, nickname text, score integer);
INSERT INTO users
SELECT g, 'user' || g || '@example.com', CASE WHEN g % 3 = 0 THEN 'pro' ELSE 'free' END,
       CASE WHEN g % 5 = 0 THEN NULL ELSE 'ñandú ' || g END,
       CASE WHEN g = 1 THEN 2147483647 WHEN g = 2 THEN -2147483648 ELSE g END
FROM generate_series(1, 12000) AS g;
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, total numeric(12,2));
INSERT INTO orders SELECT g, g % 12000 + 1, g * 1.5 FROM generate_series(1, 5000) AS g;
INSERT INTO orders VALUES (5001, NULL, 0);
