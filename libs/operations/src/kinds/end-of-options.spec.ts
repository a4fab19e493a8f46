import { mkdtempSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  absent,
  directory,
  group,
  link,
  pkg,
  user,
  type LinkOperation,
  type Operation,
} from '@provisioning/sdk';
import { applyHost } from '../lib/apply';
import { planHost } from '../lib/plan';
import { LocalTestExecutor } from '../testing/local-executor';
import { handlerFor } from './registry';

// The sdk's schemas already refuse values that start with "-"; these tests prove the second line of
// defence: every command line built here ends its options with `--`, so such a value stays an operand.

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'end-of-options-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('commands built by operations end their options with --', () => {
  it('a link target that looks like an option becomes the link target, not an option of ln', async () => {
    // Built without the builder on purpose: the builder would refuse the target.
    const op: LinkOperation = { kind: 'link', id: 'link:x', path: join(root, 'x'), target: '-n' };
    const executor = new LocalTestExecutor();
    const applied = await applyHost(executor, await planHost(executor, [op]));
    expect(applied.status).toBe('ok');
    expect(readlinkSync(join(root, 'x'))).toBe('-n');
  });

  const OPTION_TAKING =
    /^\s*(?:\S+=\S*;\s*)?(chmod|chown|mv|ln|rm|rmdir|mkdir|apt-get|apk|useradd|usermod|userdel|groupadd|groupdel|adduser|addgroup|deluser|delgroup)\b(.*)$/;

  const scripts: Array<[string, Operation, Record<string, unknown>]> = [
    ['link', link({ path: '/opt/a', target: '/opt/b' }), { type: 'none' }],
    ['absent file', absent({ path: '/opt/a' }), { type: 'file' }],
    ['absent dir', absent({ path: '/opt/a', recursive: true }), { type: 'directory' }],
    ['directory', directory({ path: '/opt/d', mode: '0750', owner: 'app' }), { type: 'none' }],
    ['package (apt)', pkg({ names: ['redis-server'] }), { manager: 'apt', installed: new Map() }],
    [
      'package (apk)',
      pkg({ names: ['redis'], state: 'absent' }),
      { manager: 'apk', installed: new Map([['redis', '']]) },
    ],
    ['user', user({ name: 'app', groups: ['docker'] }), { exists: false, groups: [] }],
    ['group', group({ name: 'app', state: 'absent' }), { exists: true }],
  ];

  it.each(scripts)('%s: every option-taking command line carries --', (_name, op, facts) => {
    const script = handlerFor(op as never).changeScript(op as never, facts as never, { changed: () => true });
    const lines = script.split('\n').filter((line) => OPTION_TAKING.test(line));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines)
      expect({ line, endsOptions: /\s--\s/.test(line) }).toEqual({ line, endsOptions: true });
  });
});
