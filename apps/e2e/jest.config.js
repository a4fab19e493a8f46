// End-to-end suites against real Debian hosts (tools/testbed). One worker, because the suites share
// the testbed's hosts; long timeouts, because they boot, install packages and kill connections.
module.exports = {
  displayName: 'e2e',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/e2e',
  globalSetup: '<rootDir>/src/support/global-setup.ts',
  globalTeardown: '<rootDir>/src/support/global-teardown.ts',
  testTimeout: 120_000,
  maxWorkers: 1,
  // The taskserv scenarios (it.concurrent, each on hosts of its own) run this many at a time.
  maxConcurrency: 4,
};
