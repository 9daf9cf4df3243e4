CREATE TABLE public.users (id bigint PRIMARY KEY);
CREATE TABLE public.comments (id bigint PRIMARY KEY, user_id integer);
ALTER TABLE ONLY public.comments ADD CONSTRAINT comments_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id);
