module.exports = {
  displayName: 'cluster-k3s-cluster',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/extensions/clusters/k3s-cluster',
};
