CREATE TABLE public.events (tenant_id uuid NOT NULL, id bigint NOT NULL) PARTITION BY HASH (tenant_id);
CREATE TABLE public.events_0 PARTITION OF public.events FOR VALUES WITH (modulus 2, remainder 0);
CREATE TABLE public.events_1 PARTITION OF public.events FOR VALUES WITH (modulus 2, remainder 1);
CREATE INDEX events_id_idx ON public.events (id);
