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
});
