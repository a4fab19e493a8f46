import { execFileSync } from 'node:child_process';
import { LocalTestExecutor } from '../testing/local-executor';
import { gatherHostFacts, parseHostFacts } from './host-facts';

describe('host facts', () => {
  it('reads hostname, architecture and distribution of this machine in one round trip', async () => {
    const executor = new LocalTestExecutor();
    const facts = await gatherHostFacts(executor);
    expect(facts).toMatchObject({
      arch: execFileSync('uname', ['-m'], { encoding: 'utf8' }).trim(),
      hostname: execFileSync('uname', ['-n'], { encoding: 'utf8' }).trim(),
      osId: 'debian',
      osFamily: 'debian',
    });
    expect(executor.calls).toHaveLength(1);
  });

  it.each([
    ['id=ubuntu\nlike=debian\n', 'debian'],
    ['id=rocky\nlike=rhel centos fedora\n', 'rhel'],
    ['id=alpine\nlike=\n', 'alpine'],
    ['id=arch\n', 'unknown'],
  ])('derives the family from os-release %j', (text, family) => {
    expect(parseHostFacts(text).osFamily).toBe(family);
  });

  it('reads the SSH connection (client address, server port) and leaves it out where there is none', () => {
    expect(parseHostFacts('id=debian\nssh=10.158.0.1 40312 10.158.0.15 2222\n').ssh).toEqual({
      clientAddress: '10.158.0.1',
      serverPort: 2222,
    });
    expect(parseHostFacts('id=debian\nssh=\n').ssh).toBeUndefined();
  });

  it('finds the SSH connection in the environment of the shell that reads the facts', async () => {
    const executor = new LocalTestExecutor();
    const facts = await gatherHostFacts({
      host: executor.host,
      exec: (line, options) =>
        executor.exec(line, { ...options, env: { SSH_CONNECTION: '192.0.2.9 50000 192.0.2.1 22' } }),
    });
    expect(facts.ssh).toEqual({ clientAddress: '192.0.2.9', serverPort: 22 });
  });
});
