-- expect: refresh-materialized-view-blocking "REFRESH MATERIALIZED VIEW order_totals takes ACCESS EXCLUSIVE lock, blocking reads and writes"
REFRESH MATERIALIZED VIEW order_totals;
-- expect: refresh-materialized-view-blocking "app.Daily Stats"
REFRESH MATERIALIZED VIEW app."Daily Stats" WITH DATA;
-- WITH NO DATA cannot be concurrent: reported without a fix.
-- expect: refresh-materialized-view-blocking "order_totals"
REFRESH MATERIALIZED VIEW order_totals WITH NO DATA;
