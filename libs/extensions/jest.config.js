module.exports = {
  displayName: 'extensions',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/extensions',
};
