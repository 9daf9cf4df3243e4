-- expect: concurrently-in-transaction "Supabase CLI"
create index concurrently profiles_username_idx on public.profiles (username);
