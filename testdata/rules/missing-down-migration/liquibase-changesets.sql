--liquibase formatted sql

--changeset ada:1
CREATE TABLE invoices (id bigint PRIMARY KEY);
--rollback DROP TABLE invoices;

--changeset ada:2
-- expect: missing-down-migration "Liquibase"
ALTER TABLE invoices ADD COLUMN total numeric;
