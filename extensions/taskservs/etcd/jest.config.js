module.exports = {
  displayName: 'taskserv-etcd',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/extensions/taskservs/etcd',
};
