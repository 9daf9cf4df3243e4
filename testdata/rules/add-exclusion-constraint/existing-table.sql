-- expect: add-exclusion-constraint "ADD CONSTRAINT bookings_no_overlap EXCLUDE on existing table bookings builds its index under ACCESS EXCLUSIVE lock, blocking reads and writes"
ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap EXCLUDE USING gist (room_id WITH =, during WITH &&);

-- expect: add-exclusion-constraint "app.Reservations"
ALTER TABLE IF EXISTS ONLY app."Reservations"
  ADD COLUMN note text,
  ADD EXCLUDE USING gist (desk WITH =, slot WITH &&) WHERE (NOT cancelled);
