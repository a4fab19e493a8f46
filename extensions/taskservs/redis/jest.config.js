module.exports = {
  displayName: 'taskserv-redis',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/extensions/taskservs/redis',
};
