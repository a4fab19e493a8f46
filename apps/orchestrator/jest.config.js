module.exports = {
  displayName: 'orchestrator',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/orchestrator',
  passWithNoTests: true,
};
