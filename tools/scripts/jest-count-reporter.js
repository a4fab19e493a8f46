// Writes each jest run's totals to $PROVISIONING_TEST_RESULTS_DIR, one JSON file per run, so the
// CI script can print a single "N passed, N failed" line (CI does not read jest's own summary).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

class CountReporter {
  constructor(globalConfig) {
    this.name = globalConfig.rootDir ? path.basename(globalConfig.rootDir) : 'jest';
  }
  onRunComplete(_contexts, results) {
    const dir = process.env.PROVISIONING_TEST_RESULTS_DIR;
    if (!dir) return;
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${this.name}-${process.pid}-${Date.now()}.json`);
    const failedSuites = results.testResults.filter((suite) => suite.testExecError).length;
    fs.writeFileSync(
      file,
      JSON.stringify({
        project: this.name,
        passed: results.numPassedTests,
        failed: results.numFailedTests + failedSuites,
        skipped: results.numPendingTests + results.numTodoTests,
      }),
    );
  }
}
module.exports = CountReporter;
