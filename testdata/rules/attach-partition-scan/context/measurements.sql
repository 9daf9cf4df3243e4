-- pg_dump --schema-only of the database the migration runs against (abridged).
CREATE TABLE public.measurements (
    id bigint NOT NULL,
    taken_on date NOT NULL,
    value numeric
)
PARTITION BY RANGE (taken_on);

CREATE TABLE public.measurements_2021 (
    id bigint NOT NULL,
    taken_on date NOT NULL,
    value numeric
);

CREATE INDEX measurements_taken_on_idx ON ONLY public.measurements USING btree (taken_on);
