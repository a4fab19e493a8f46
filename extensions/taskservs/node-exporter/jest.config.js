module.exports = {
  displayName: 'taskserv-node-exporter',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/extensions/taskservs/node-exporter',
};
