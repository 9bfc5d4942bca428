// Adds up the jest JSON reports of one `npm test` run and prints the closing line CI reads.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, stuckLog] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let suites = 0;
for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
  const report = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  suites += report.numTotalTestSuites;
  console.log(
    `${file.replace(/\.json$/, '')}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`,
  );
}
if (passed === 0) {
  console.error('No test ran.');
  process.exit(1);
}
console.log(`(${suites} suites)`);
// Files that got stuck once and passed when run again: their stacks are in the log above.
if (stuckLog && existsSync(stuckLog)) {
  const stuck = readFileSync(stuckLog, 'utf8').split('\n').filter(Boolean);
  console.log(
    `${stuck.length} test file(s) got stuck and ran again (see "STUCK TEST FILE" above):`,
  );
  for (const file of stuck) console.log(`  ${file}`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
