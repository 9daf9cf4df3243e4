// pgfence_filter.mjs: which files can pgfence analyze at all?
//
// pgfence (0.1.x) stops the whole run with exit status 2 at the first file
// its parser rejects, so it cannot be timed on a set containing such a file.
// bench/run.sh uses this helper to make, at bench time, the subset of an
// input that pgfence accepts; every tool is then also timed on that subset so
// the pgfence comparison is on identical input.
//
// Usage: node pgfence_filter.mjs PGFENCE_PACKAGE_DIR < file-list > accepted-list
//   PGFENCE_PACKAGE_DIR is .../node_modules/@flvmnt/pgfence.
// Each file is analyzed alone with pgfence's own analyze() and the same
// options the CLI uses by default; rejected files are listed on stderr.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const pkgDir = process.argv[2];
if (!pkgDir) {
  process.stderr.write('usage: node pgfence_filter.mjs PGFENCE_PACKAGE_DIR < files\n');
  process.exit(2);
}
const { analyze } = await import(pathToFileURL(join(pkgDir, 'dist', 'analyzer.js')).href);

// Same values as `pgfence analyze` with no options (see its dist/index.js).
const config = {
  format: 'auto',
  output: 'json',
  minPostgresVersion: 11,
  maxAllowedRisk: 'high',
  requireLockTimeout: true,
  requireStatementTimeout: true,
};

const files = readFileSync(0, 'utf8').split('\n').filter((l) => l.length > 0);
let rejected = 0;
const accepted = [];
for (const f of files) {
  try {
    await analyze([f], config);
    accepted.push(f);
  } catch (err) {
    rejected += 1;
    const msg = err instanceof Error ? err.message : String(err);
    process.stderr.write(`pgfence rejects ${f}: ${msg.split('\n')[0]}\n`);
  }
}
process.stdout.write(accepted.map((f) => f + '\n').join(''));
process.stderr.write(`pgfence_filter: ${accepted.length} accepted, ${rejected} rejected\n`);
