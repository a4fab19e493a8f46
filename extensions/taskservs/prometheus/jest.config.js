module.exports = {
  displayName: 'taskserv-prometheus',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/extensions/taskservs/prometheus',
};
