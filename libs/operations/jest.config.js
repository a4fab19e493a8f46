module.exports = {
  displayName: 'operations',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/operations',
};
