module.exports = {
  displayName: 'taskserv-docker',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/extensions/taskservs/docker',
};
