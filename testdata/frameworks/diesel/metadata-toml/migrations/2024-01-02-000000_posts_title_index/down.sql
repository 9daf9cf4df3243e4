DROP INDEX posts_title_idx;
