import { hostsFile, networkFile, passwdIds } from './host-files';

describe('hostsFile', () => {
  it('resolves the host own name locally and lists its peers, not itself twice', () => {
    const text = hostsFile('ptb-h1', [
      { name: 'ptb-h1', address: '10.147.0.11' },
      { name: 'ptb-h2', address: '10.147.0.12' },
    ]);
    expect(text.split('\n')).toEqual([
      '127.0.0.1\tlocalhost',
      '127.0.1.1\tptb-h1',
      '::1\tlocalhost ip6-localhost ip6-loopback',
      '10.147.0.12\tptb-h2',
      '',
    ]);
  });
});

describe('networkFile', () => {
  it('gives host0 a static address and no gateway, so nothing leaves the bridge', () => {
    const text = networkFile('10.147.0.11');
    expect(text).toContain('Name=host0');
    expect(text).toContain('Address=10.147.0.11/24');
    expect(text).not.toContain('Gateway');
  });
});

describe('passwdIds', () => {
  const passwd = 'root:x:0:0:root:/root:/bin/bash\ndeploy:x:1000:1001::/home/deploy:/bin/bash\n';

  it('reads uid and gid of the named user', () => {
    expect(passwdIds(passwd, 'deploy')).toEqual({ uid: 1000, gid: 1001 });
  });

  it('says to rebuild the base when the user is missing', () => {
    expect(() => passwdIds(passwd, 'nobody2')).toThrow(/rebuild the base/);
  });
});
