module.exports = {
  displayName: 'testbed',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/tools/testbed',
};
