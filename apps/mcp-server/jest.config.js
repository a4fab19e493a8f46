module.exports = {
  displayName: 'mcp-server',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/mcp-server',
  passWithNoTests: true,
};
