-- expect: unbatched-data-change "UPDATE of every row of users"
UPDATE users SET plan = 'free';
-- expect: unbatched-data-change "DELETE of every row of app.sessions"
DELETE FROM app.sessions WHERE true;
-- expect: unbatched-data-change "copies all of legacy_orders"
INSERT INTO orders (id, total) SELECT id, total FROM legacy_orders;
-- A WHERE that limits the rows, and plain VALUES, are fine.
UPDATE users SET plan = 'free' WHERE id BETWEEN 1 AND 10000 AND plan IS NULL;
DELETE FROM app.sessions WHERE expires_at < now();
INSERT INTO orders (id, total) VALUES (1, 10);
-- New tables may be filled at once.
CREATE TABLE user_stats (user_id bigint, logins int);
INSERT INTO user_stats SELECT id, 0 FROM (VALUES (1)) AS v (id);
UPDATE user_stats SET logins = 1;
