CREATE TABLE public.schools (id uuid NOT NULL, code text, name text);
