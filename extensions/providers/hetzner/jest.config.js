module.exports = {
  displayName: 'provider-hetzner',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/extensions/providers/hetzner',
};
