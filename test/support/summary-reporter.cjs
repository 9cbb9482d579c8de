// Prints one plain closing line, "N passed, N failed[, N skipped]", after Jest's own summary,
// so that a run which executed no test is visible as "0 passed, 0 failed" to any reader.
// The line is also written to test-results/summary.txt for .ci/run to print last.
const { mkdirSync, writeFileSync } = require('node:fs');
const path = require('node:path');

class SummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `${results.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
    const dir = path.join(this.rootDir, 'test-results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'summary.txt'), `${line}\n`);
    process.stdout.write(`\n${line}\n`);
  }
}
module.exports = SummaryReporter;
