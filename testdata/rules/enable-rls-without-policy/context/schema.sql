CREATE TABLE public.accounts (id bigint PRIMARY KEY, owner_id bigint);
CREATE POLICY accounts_owner ON public.accounts USING (owner_id = 1);
CREATE TABLE public.sessions (id bigint PRIMARY KEY);
