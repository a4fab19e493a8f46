module.exports = {
  displayName: 'taskserv-k3s',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/extensions/taskservs/k3s',
};
