module.exports = {
  displayName: 'taskserv-containerd',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/extensions/taskservs/containerd',
};
