module.exports = {
  displayName: 'distribution',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/distribution',
  passWithNoTests: true,
};
