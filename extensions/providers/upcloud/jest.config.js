module.exports = {
  displayName: 'provider-upcloud',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/extensions/providers/upcloud',
};
