module.exports = {
  displayName: 'taskserv-unattended-upgrades',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/extensions/taskservs/unattended-upgrades',
};
