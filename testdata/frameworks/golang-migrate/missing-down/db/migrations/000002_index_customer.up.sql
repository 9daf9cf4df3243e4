-- expect: missing-down-migration "golang-migrate"
CREATE INDEX CONCURRENTLY IF NOT EXISTS invoices_customer_idx ON invoices (customer_id);
