--liquibase formatted sql

--changeset ada:1
CREATE TABLE invoices (id bigint PRIMARY KEY, customer text, total numeric);
-- New in this changeset: no finding.
CREATE INDEX invoices_total_idx ON invoices (total);
--rollback DROP TABLE invoices;

--changeset ada:2 runInTransaction:false
CREATE INDEX CONCURRENTLY invoices_customer_idx ON invoices (customer);
--rollback DROP INDEX CONCURRENTLY invoices_customer_idx;

--changeset ada:3
-- expect: concurrently-in-transaction "changeset"
CREATE INDEX CONCURRENTLY invoices_customer_total_idx ON invoices (customer, total);

--changeset ada:4
-- invoices comes from changeset 1: an existing table in this changeset.
-- expect: require-concurrent-index-creation
CREATE INDEX invoices_id_total_idx ON invoices (id, total);
