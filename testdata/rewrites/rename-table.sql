ALTER TABLE audit_entries RENAME TO audit_log;
