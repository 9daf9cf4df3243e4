CREATE TABLE audit_log (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, payload jsonb);
CREATE INDEX audit_log_payload_idx ON audit_log USING gin (payload);
INSERT INTO audit_log (payload) VALUES ('{}');
CREATE INDEX audit_log_id_idx ON audit_log (id);
CREATE TABLE public.reports (id bigint);
CREATE INDEX reports_id_idx ON reports (id);
