-- migsafe-test: --enable require-concurrent-index-creation
-- Identifiers from a pull request try to break out of each output format.
CREATE INDEX i1 ON "evil
::warning file=README.md,line=1::injected%0A" (c);
CREATE INDEX i2 ON "pipe|<script>alert(1)</script>`x`" (c);
