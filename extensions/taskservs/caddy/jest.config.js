module.exports = {
  displayName: 'taskserv-caddy',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/extensions/taskservs/caddy',
};
