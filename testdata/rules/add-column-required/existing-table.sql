-- expect: add-column-required "ADD COLUMN plan ... NOT NULL without a DEFAULT on existing table users fails as soon as the table holds a row"
ALTER TABLE users ADD COLUMN plan text NOT NULL;

-- expect: add-column-required "app.Accounts"
ALTER TABLE IF EXISTS ONLY app."Accounts" ADD COLUMN "Region" text CONSTRAINT region_nn NOT NULL CHECK ("Region" <> '');

-- DEFAULT NULL is no default.
-- expect: add-column-required "ADD COLUMN tier"
ALTER TABLE users ADD COLUMN tier integer DEFAULT NULL NOT NULL, ADD COLUMN note text;

-- A primary key column needs values too: reported without a mechanical plan.
-- expect: add-column-required "ADD COLUMN code ... PRIMARY KEY"
ALTER TABLE countries ADD COLUMN code char(2) PRIMARY KEY;
