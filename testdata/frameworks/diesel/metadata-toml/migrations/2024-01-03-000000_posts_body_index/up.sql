CREATE INDEX CONCURRENTLY posts_body_idx ON posts (md5(body));
