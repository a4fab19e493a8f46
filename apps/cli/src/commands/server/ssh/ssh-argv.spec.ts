import { sshArgv } from './ssh-argv';

const options = { knownHostsFiles: ['/ws/.provisioning/known_hosts'], strictHostKeyChecking: 'yes' as const };
const checking = [
  '-o',
  'UserKnownHostsFile=/ws/.provisioning/known_hosts',
  '-o',
  'StrictHostKeyChecking=yes',
];

describe('sshArgv', () => {
  it('ends the options with -- so a user or address starting with - is never an ssh option', () => {
    const argv = sshArgv({ name: 'web', address: '-oProxyCommand=touch /tmp/owned', user: '-oX=y' }, options);
    expect(argv).toEqual(['-p', '22', ...checking, '--', '-oX=y@-oProxyCommand=touch /tmp/owned']);
    expect(argv.indexOf('--')).toBe(argv.length - 2);
  });

  it('reaches a host through every hop of a jump chain, the first hop directly, each -- terminated', () => {
    const argv = sshArgv(
      {
        name: 'db',
        address: '10.0.2.5',
        user: 'admin',
        jump: [
          { name: 'edge', address: '203.0.113.1', user: 'jump', port: 2200 },
          { name: 'inner', address: '10.0.1.1', user: 'ops' },
        ],
      },
      options,
    );
    const inner = argv[argv.indexOf('-o', 6) + 1];
    expect(argv.slice(-2)).toEqual(['--', 'admin@10.0.2.5']);
    // The outer ssh expands %h:%p once: the hop it runs (inner) sees its own %h:%p, and the first
    // hop's escaped %%h:%%p reaches inner's ssh as %h:%p.
    expect(inner).toBe(
      'ProxyCommand=ssh -W %h:%p -p 22 -o UserKnownHostsFile=/ws/.provisioning/known_hosts -o StrictHostKeyChecking=yes ' +
        "-o 'ProxyCommand=ssh -W %%h:%%p -p 2200 -o UserKnownHostsFile=/ws/.provisioning/known_hosts -o StrictHostKeyChecking=yes -- jump@203.0.113.1' -- ops@10.0.1.1",
    );
  });
});
