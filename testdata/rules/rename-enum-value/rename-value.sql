-- expect: rename-enum-value "'shipped' TO 'sent'"
ALTER TYPE order_status RENAME VALUE 'shipped' TO 'sent';
ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'returned';
ALTER TYPE app.order_status RENAME VALUE 'new' TO 'created'; -- expect: rename-enum-value
