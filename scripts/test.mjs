// `npm test`: type-checks, lints (ESLint and Prettier), builds the web app, then runs every test project
// (server API on SQLite and, with TEST_POSTGRES_URL, on PostgreSQL; end-to-end in Debian's chromium) and
// prints one summary line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (command, args) => spawnSync(command, args, { cwd: root, stdio: 'inherit' }).status ?? 1;

if (['common', 'server', 'web', '.'].some((project) => run('npx', ['tsc', '-p', project]))) {
  console.error('Type check failed.');
  process.exit(1);
}
if (run('npm', ['run', 'lint'])) {
  console.error('Lint failed: `npm run format` fixes formatting; the other findings need a change of code.');
  process.exit(1);
}
if (run('npm', ['run', 'build', '-w', 'web'])) process.exit(1);

const report = path.join(mkdtempSync(path.join(os.tmpdir(), 'relate-report-')), 'report.json');
const status = run('npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
]);
try {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  console.log(
    `\n${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped`,
  );
} catch {
  console.log('\n0 passed, 1 failed');
}
process.exit(status);
