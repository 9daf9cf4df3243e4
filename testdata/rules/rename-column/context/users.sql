CREATE TABLE public.users (
    id bigint PRIMARY KEY,
    name text NOT NULL DEFAULT '',
    nickname varchar(40) COLLATE "C",
    email text
);
CREATE INDEX users_email_idx ON public.users (email);
CREATE VIEW public.user_emails AS SELECT id, email FROM public.users;
