-- Deploy shop:accounts to pg
-- requires: widgets

-- expect: missing-down-migration "Sqitch"
BEGIN;

CREATE TABLE shop.accounts (id bigint PRIMARY KEY, widget_id bigint REFERENCES shop.widgets (id));
CREATE INDEX accounts_widget_id_idx ON shop.accounts (widget_id);

COMMIT;
