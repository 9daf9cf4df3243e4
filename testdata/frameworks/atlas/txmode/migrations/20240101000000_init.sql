CREATE TABLE "tags" ("id" bigint NOT NULL, "label" text NOT NULL, PRIMARY KEY ("id"));
