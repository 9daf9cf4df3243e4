CREATE TABLE public.accounts (
    id integer PRIMARY KEY,
    name varchar(50),
    code varchar(10) CHECK (length(code) > 1),
    amount numeric(10,2),
    created_at timestamp
);
CREATE INDEX accounts_name_idx ON public.accounts (name);
CREATE TABLE public.payments (id bigint PRIMARY KEY, account_id integer REFERENCES public.accounts (id));
