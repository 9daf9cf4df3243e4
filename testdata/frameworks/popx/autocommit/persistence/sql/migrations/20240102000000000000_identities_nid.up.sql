-- Dialect-neutral: replaced on PostgreSQL by the .postgres file of the same version.
CREATE INDEX identities_nid_idx ON identities (nid);
