-- Adding, validating, altering and dropping constraints.

-- CHECK
ALTER TABLE t ADD CONSTRAINT t_j_positive CHECK (j > 0);
ALTER TABLE t ADD CONSTRAINT t_j_positive CHECK (j > 0) NOT VALID;
ALTER TABLE t ADD CONSTRAINT t_j_positive CHECK (j > 0) NO INHERIT;
-- setup: ALTER TABLE t ADD CONSTRAINT t_j_positive CHECK (j > 0) NOT VALID
ALTER TABLE t VALIDATE CONSTRAINT t_j_positive;
ALTER TABLE t DROP CONSTRAINT t_e_check;
ALTER TABLE t DROP CONSTRAINT IF EXISTS no_such_constraint;
ALTER TABLE t RENAME CONSTRAINT t_e_check TO t_e_present;
ALTER TABLE pt ADD CONSTRAINT pt_k_not_negative CHECK (k >= 0);
ALTER TABLE pt ADD CONSTRAINT pt_k_not_negative CHECK (k >= 0) NOT VALID;

-- FOREIGN KEY: both tables are locked, and validation reads both.
ALTER TABLE t ADD CONSTRAINT t_pid_fkey2 FOREIGN KEY (pid) REFERENCES parent (id);
ALTER TABLE t ADD CONSTRAINT t_pid_fkey2 FOREIGN KEY (pid) REFERENCES parent (id) NOT VALID;
ALTER TABLE t ADD CONSTRAINT t_pid_fkey2 FOREIGN KEY (pid) REFERENCES parent (id) ON DELETE CASCADE;
-- setup: ALTER TABLE t ADD CONSTRAINT t_pid_fkey2 FOREIGN KEY (pid) REFERENCES parent (id) NOT VALID
ALTER TABLE t VALIDATE CONSTRAINT t_pid_fkey2;
ALTER TABLE t DROP CONSTRAINT t_pid_fkey;
ALTER TABLE t ALTER CONSTRAINT t_pid_fkey DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE pt2 ADD CONSTRAINT pt2_k_fkey FOREIGN KEY (k) REFERENCES parent (id);
-- A foreign key from a partitioned table cannot be NOT VALID before PostgreSQL 18.
-- expect-error: cannot add NOT VALID foreign key on partitioned table
ALTER TABLE pt ADD CONSTRAINT pt_k_fkey FOREIGN KEY (k) REFERENCES parent (id) NOT VALID;

-- UNIQUE and PRIMARY KEY: build an index, or adopt an existing one.
ALTER TABLE t ADD CONSTRAINT t_id_c_key UNIQUE (id, c);
ALTER TABLE t ADD CONSTRAINT t_c_j_key UNIQUE (c, j) DEFERRABLE;
ALTER TABLE t ADD CONSTRAINT t_j_key UNIQUE USING INDEX t_j_uidx;
-- setup: ALTER TABLE t ADD CONSTRAINT t_j_key UNIQUE USING INDEX t_j_uidx
ALTER TABLE t DROP CONSTRAINT t_j_key;
ALTER TABLE nopk ADD PRIMARY KEY (id);
ALTER TABLE nopk ADD CONSTRAINT nopk_pkey PRIMARY KEY USING INDEX nopk_label_uidx;
ALTER TABLE nopk ADD CONSTRAINT nopk_pkey PRIMARY KEY USING INDEX nopk_code_uidx;
ALTER TABLE accounts DROP CONSTRAINT accounts_pkey;
-- expect-error: other objects depend on it
ALTER TABLE parent DROP CONSTRAINT parent_pkey;
ALTER TABLE parent DROP CONSTRAINT parent_pkey CASCADE;
ALTER TABLE pt ADD CONSTRAINT pt_k_key UNIQUE (k);

-- EXCLUDE
ALTER TABLE t ADD CONSTRAINT t_id_excl EXCLUDE USING btree (id WITH =);
