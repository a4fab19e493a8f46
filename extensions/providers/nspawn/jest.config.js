module.exports = {
  displayName: 'provider-nspawn',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/extensions/providers/nspawn',
};
