-- PostgreSQL 18: a NOT ENFORCED CHECK is never checked against rows, so adding it scans nothing.
-- lock: orders AccessExclusiveLock
ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total > 0) NOT ENFORCED;

-- A NOT ENFORCED foreign key locks both tables as NOT VALID does and validates nothing.
-- lock: customers ShareRowExclusiveLock
ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT ENFORCED;

-- ENFORCED is the default: the CHECK scans every row under ACCESS EXCLUSIVE.
-- lock: orders AccessExclusiveLock scan
-- finding: add-check-without-not-valid
ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) ENFORCED;

-- lock: invoices AccessExclusiveLock created
CREATE TABLE invoices (id bigint PRIMARY KEY, total numeric, CHECK (total >= 0) NOT ENFORCED);
