module.exports = {
  displayName: 'taskserv-chrony',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/extensions/taskservs/chrony',
};
