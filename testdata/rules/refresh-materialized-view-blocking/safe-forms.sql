REFRESH MATERIALIZED VIEW CONCURRENTLY order_totals;
REFRESH MATERIALIZED VIEW CONCURRENTLY app."Daily Stats";
-- A view created earlier in the same migration.
CREATE MATERIALIZED VIEW weekly_totals AS SELECT date_trunc('week', created_at) AS week, sum(total) FROM orders GROUP BY 1;
REFRESH MATERIALIZED VIEW weekly_totals;
CREATE MATERIALIZED VIEW app.monthly_totals AS SELECT 1 AS one WITH NO DATA;
REFRESH MATERIALIZED VIEW app.monthly_totals;
