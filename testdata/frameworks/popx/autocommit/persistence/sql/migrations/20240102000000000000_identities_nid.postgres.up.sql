-- expect: concurrently-in-transaction "popx"
CREATE INDEX CONCURRENTLY identities_nid_idx ON identities (nid);
