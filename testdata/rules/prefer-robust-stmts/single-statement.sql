-- One statement fails as a whole: a re-run starts from scratch.
CREATE TABLE users (id bigint PRIMARY KEY);
