module.exports = {
  displayName: 'taskserv-nginx',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/extensions/taskservs/nginx',
};
