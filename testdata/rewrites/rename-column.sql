ALTER TABLE audit_entries RENAME COLUMN note TO remark;
