-- rewrite-test: ignore orders.seq (the numbering order may differ; both databases must fill every row)
ALTER TABLE orders ADD COLUMN seq bigserial;
