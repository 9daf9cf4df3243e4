-- PostgreSQL 18: a temporal primary key builds its index under ACCESS EXCLUSIVE, as any key does.
-- lock: bookings AccessExclusiveLock scan
-- finding: add-unique-constraint
ALTER TABLE bookings ADD CONSTRAINT bookings_pk PRIMARY KEY (room_id, during WITHOUT OVERLAPS);

-- A temporal foreign key checks existing rows against the referenced table.
-- lock: bookings ShareRowExclusiveLock scan
-- finding: add-foreign-key-without-not-valid
ALTER TABLE payments ADD CONSTRAINT payments_booking_fk
    FOREIGN KEY (room_id, PERIOD during) REFERENCES bookings (room_id, PERIOD during);
