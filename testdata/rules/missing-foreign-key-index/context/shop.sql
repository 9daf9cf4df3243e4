CREATE TABLE public.customers (id bigint PRIMARY KEY);
CREATE TABLE public.payments (id bigint PRIMARY KEY, customer_id bigint);
CREATE INDEX payments_customer_id_idx ON public.payments USING btree (customer_id);
CREATE TABLE public.shipments (id bigint PRIMARY KEY, customer_id bigint);
