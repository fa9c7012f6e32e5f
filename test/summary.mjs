// Prints one closing line for the whole `npm test` run: Jest's tests plus the launcher smoke test.
import { readFileSync } from 'node:fs';

const jest = JSON.parse(readFileSync('.test-results/jest.json', 'utf8'));
const smoke = JSON.parse(readFileSync('.test-results/smoke.json', 'utf8'));
const passed = jest.numPassedTests + smoke.passed;
const failed = jest.numFailedTests + smoke.failed;
const skipped = jest.numPendingTests + jest.numTodoTests;
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 && jest.success ? 0 : 1);
