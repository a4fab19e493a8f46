module.exports = {
  displayName: 'taskserv-rpi-node',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/extensions/taskservs/rpi-node',
};
