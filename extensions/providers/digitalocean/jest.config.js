module.exports = {
  displayName: 'provider-digitalocean',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/extensions/providers/digitalocean',
};
