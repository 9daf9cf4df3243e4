CREATE TABLE rooms (id bigint PRIMARY KEY, during tstzrange);
ALTER TABLE rooms ADD CONSTRAINT rooms_no_overlap EXCLUDE USING gist (id WITH =, during WITH &&);
ALTER TABLE bookings ADD CONSTRAINT bookings_total_check CHECK (total >= 0) NOT VALID;
ALTER TABLE bookings ADD CONSTRAINT bookings_ref_key UNIQUE USING INDEX bookings_ref_idx;
