module.exports = {
  displayName: 'taskserv-postgresql',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/extensions/taskservs/postgresql',
};
