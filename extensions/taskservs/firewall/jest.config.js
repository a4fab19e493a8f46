module.exports = {
  displayName: 'taskserv-firewall',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/extensions/taskservs/firewall',
};
