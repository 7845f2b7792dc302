// Sums the vitest JSON reports that each package writes under CI and prints one closing line.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const packagesDir = join(root, 'packages');
// Workspace packages with tests outside packages/ (see vitest.config.ts).
const otherDirectories = [join(root, 'examples')];
let passed = 0;
let failed = 0;
let skipped = 0;
let suites = 0;
for (const directory of [
  ...readdirSync(packagesDir).map((name) => join(packagesDir, name)),
  ...otherDirectories,
]) {
  const file = join(directory, 'test-results.json');
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  suites += 1;
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + (report.numTodoTests ?? 0);
}
if (suites === 0) {
  console.error('no test reports found');
  process.exit(1);
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
