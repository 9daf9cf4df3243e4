create table public.profiles (id uuid primary key, username text);
alter table public.profiles enable row level security;
create policy "profiles are public" on public.profiles for select using (true);
