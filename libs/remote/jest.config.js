module.exports = {
  displayName: 'remote',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/remote',
  passWithNoTests: true,
};
