// Prints one closing line for the whole `npm test` run: Jest's tests plus the smoke tests.
import { readFileSync, readdirSync } from 'node:fs';

const jest = JSON.parse(readFileSync('.test-results/jest.json', 'utf8'));
// Every smoke test writes its own results file (smoke.json, smoke-fault.json …).
const smoke = readdirSync('.test-results')
  .filter((f) => /^smoke.*\.json$/.test(f))
  .map((f) => JSON.parse(readFileSync(`.test-results/${f}`, 'utf8')))
  .reduce((a, b) => ({ passed: a.passed + b.passed, failed: a.failed + b.failed }), { passed: 0, failed: 0 });
const passed = jest.numPassedTests + smoke.passed;
const failed = jest.numFailedTests + smoke.failed;
const skipped = jest.numPendingTests + jest.numTodoTests;
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 && jest.success ? 0 : 1);
