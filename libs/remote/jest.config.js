module.exports = {
  displayName: 'remote',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/remote',
  // Integration tests talk to real sshd processes on loopback; on a loaded machine (load 20 on
  // 2 cores was seen) each SSH command can take a second or more.
  testTimeout: 180_000,
};
