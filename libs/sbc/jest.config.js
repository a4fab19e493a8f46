module.exports = {
  displayName: 'sbc',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/sbc',
};
