DO $$ BEGIN nonsense here; END $$;
