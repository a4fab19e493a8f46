module.exports = {
  displayName: 'taskserv-base',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/extensions/taskservs/base',
};
