module.exports = {
  displayName: 'remote',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/remote',
  // Integration tests talk to real sshd processes on loopback: connects and kills take real time.
  testTimeout: 60_000,
};
