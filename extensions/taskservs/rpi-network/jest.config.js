module.exports = {
  displayName: 'taskserv-rpi-network',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/extensions/taskservs/rpi-network',
};
