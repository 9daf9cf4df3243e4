CREATE INDEX identities_nid_idx ON identities (nid) ALGORITHM=INPLACE;
