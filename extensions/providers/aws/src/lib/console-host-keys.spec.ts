import { consoleHostKeyBlock, consoleHostKeys } from './console-host-keys';

const ED = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl';
const EC =
  'ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBEmKSENjQEezOmxkZMy7opKgwFB9nkt5YRrYMjNuG5N87uRgg6CLrbo5wAdT/y6v0mKV0U2w0WZ2YB/++Tpockg=';

describe('consoleHostKeys', () => {
  it("reads the keys of cloud-init's last host key block on the console, without their comments", () => {
    const console = `boot noise\n${consoleHostKeyBlock([`${EC} root@old`])}more noise\n${consoleHostKeyBlock([`${EC} root@web-1`, `${ED} root@web-1`])}login:`;
    expect(consoleHostKeys(console)).toEqual([EC, ED]);
  });

  it('finds nothing before cloud-init has printed the block, or while it is cut off', () => {
    expect(consoleHostKeys('[    0.000000] Linux version 6.1.0\n')).toEqual([]);
    expect(consoleHostKeys(`-----BEGIN SSH HOST KEY KEYS-----\n${ED} root@web-1\n`)).toEqual([]);
  });

  it('ignores lines in the block that are not public keys', () => {
    expect(consoleHostKeys(consoleHostKeyBlock(['garbage here', `${ED} c`, 'ssh-rsa not*base64']))).toEqual([
      ED,
    ]);
  });
});
