-- expect: identifier-too-long "silently truncates"
CREATE TABLE this_table_name_is_much_too_long_for_postgresql_to_keep_it_whole_x (id bigint);
CREATE TABLE short_enough (
  id bigint,
  a_column_name_that_goes_on_and_on_and_on_past_sixty_three_bytes_x int -- expect: identifier-too-long
);
-- expect: identifier-too-long
CREATE INDEX CONCURRENTLY an_index_name_that_goes_on_and_on_and_on_past_the_sixty_three_limit ON short_enough (id);
CREATE INDEX CONCURRENTLY a_fine_index_name ON short_enough (id);
ALTER TABLE short_enough RENAME COLUMN id TO exactly_sixty_three_bytes_long_identifier_is_the_limit_xxxxxxxx;
