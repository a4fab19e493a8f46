import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pkg } from '@provisioning/sdk';
import { planHost } from '../lib/plan';
import { LocalTestExecutor } from '../testing/local-executor';
import { packageHandler, parsePackageFacts } from './package';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');
/** What the facts script prints: the manager line, then each tool output line with its prefix. */
const factsFrom = (manager: string, prefix: string, output: string) =>
  `manager=${manager}\n${output
    .split('\n')
    .filter(Boolean)
    .map((entry) => `${prefix}=${entry}`)
    .join('\n')}\n`;
const noChanges = { changed: () => false };

describe('package facts', () => {
  it.each([
    ['apt', 'dpkg', 'dpkg-query.debian12.txt', { bash: '5.2.15-2+b8', curl: '7.88.1-10+deb12u14' }],
    ['dnf', 'rpm', 'rpm-q.rhel9.txt', { bash: '5.1.8-9.el9', curl: '7.76.1-29.el9_4' }],
    ['apk', 'apk', 'apk-info-e.alpine.txt', { bash: '', curl: '' }],
  ])(
    'parses %s output: installed packages with versions, unknown ones absent',
    (manager, prefix, file, installed) => {
      const facts = parsePackageFacts(factsFrom(manager, prefix, fixture(file)));
      expect(facts.manager).toBe(manager);
      expect(Object.fromEntries(facts.installed)).toEqual(installed);
    },
  );

  it('does not count a package removed with its config left (dpkg "rc") as installed', () => {
    const facts = parsePackageFacts(factsFrom('apt', 'dpkg', 'redis-server\trc \t5:7.0.15-1\n'));
    expect(facts.installed.has('redis-server')).toBe(false);
  });
});

describe('package operation', () => {
  it('plans from the real dpkg database of this Debian machine: installed is unchanged, unknown is to install', async () => {
    const plan = await planHost(new LocalTestExecutor(), [
      pkg({ id: 'shell', names: ['bash'] }),
      pkg({ id: 'missing', names: ['bash', 'no-such-package-xyz'] }),
    ]);
    expect(plan.operations.map((op) => [op.id, op.status, op.summary])).toEqual([
      ['shell', 'unchanged', 'bash already installed'],
      ['missing', 'change', 'install no-such-package-xyz (apt)'],
    ]);
  });

  it('installs only what is missing, non-interactively, refreshing apt lists once if install fails', () => {
    const op = pkg({ names: ['curl', 'redis-server'] });
    const script = packageHandler.changeScript(
      op,
      parsePackageFacts(factsFrom('apt', 'dpkg', fixture('dpkg-query.debian12.txt'))),
      noChanges,
    );
    expect(script).toContain('export DEBIAN_FRONTEND=noninteractive');
    expect(script).toContain(
      'apt-get install -y -q -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold -- redis-server || { apt-get update -q && apt-get install',
    );
    expect(script).not.toMatch(/install[^\n]* curl/);
    expect(() => execFileSync('/bin/sh', ['-n'], { input: script })).not.toThrow();
  });

  it.each([
    ['dnf', 'rpm', 'rpm-q.rhel9.txt', /"\$tool" install -y -- redis/],
    ['apk', 'apk', 'apk-info-e.alpine.txt', /^apk add --no-cache -- redis$/m],
  ])('uses %s on hosts that have it', (manager, prefix, file, expected) => {
    const facts = parsePackageFacts(factsFrom(manager, prefix, fixture(file)));
    expect(packageHandler.changeScript(pkg({ names: ['redis'] }), facts, noChanges)).toMatch(expected);
  });

  it('removes only installed packages for state absent', () => {
    const facts = parsePackageFacts(factsFrom('apt', 'dpkg', fixture('dpkg-query.debian12.txt')));
    const op = pkg({ names: ['curl', 'telnet'], state: 'absent' });
    expect(packageHandler.diff(op, facts, noChanges)).toEqual({
      changed: true,
      summary: 'remove curl (apt)',
    });
  });

  it('reports a host without a known package manager as a problem, not a guess', () => {
    expect(
      packageHandler.diff(pkg({ names: ['x'] }), parsePackageFacts('manager=none\n'), noChanges).problem,
    ).toMatch(/found none of apt-get, dnf, yum or apk/);
    expect(
      packageHandler.diff(
        pkg({ names: ['x'], manager: 'apk' }),
        parsePackageFacts('manager=apt\n'),
        noChanges,
      ).problem,
    ).toMatch(/asks for apk but the host uses apt/);
  });
});
