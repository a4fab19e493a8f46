module.exports = {
  displayName: 'taskserv-haproxy',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/extensions/taskservs/haproxy',
};
