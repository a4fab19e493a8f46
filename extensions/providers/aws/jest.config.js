module.exports = {
  displayName: 'provider-aws',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/extensions/providers/aws',
};
