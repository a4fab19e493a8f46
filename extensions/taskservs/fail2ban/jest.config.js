module.exports = {
  displayName: 'taskserv-fail2ban',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/extensions/taskservs/fail2ban',
};
