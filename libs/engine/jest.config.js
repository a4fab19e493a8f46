module.exports = {
  displayName: 'engine',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/engine',
  // Real shells and files: on a loaded 2-core machine one plan/apply cycle can take seconds.
  testTimeout: 30_000,
};
