import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { command, shell } from '@provisioning/sdk';
import { applyHost } from '../lib/apply';
import { planHost } from '../lib/plan';
import { LocalTestExecutor } from '../testing/local-executor';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'shell-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('shell operation guards (real shell)', () => {
  it('skips when `creates` exists, runs when it does not', async () => {
    const executor = new LocalTestExecutor();
    const op = shell({ id: 'init', command: command('touch', `${dir}/done`), creates: `${dir}/done` });
    expect((await planHost(executor, [op])).operations[0].status).toBe('change');
    await applyHost(executor, await planHost(executor, [op]));
    expect((await planHost(executor, [op])).operations[0]).toMatchObject({
      status: 'unchanged',
      summary: `skip: ${dir}/done exists`,
    });
  });

  it('runs only while `unless` fails and only when `onlyIf` succeeds', async () => {
    const executor = new LocalTestExecutor();
    writeFileSync(`${dir}/flag`, 'on\n');
    const plan = await planHost(executor, [
      shell({ id: 'unless-ok', command: 'true', unless: command('grep', '-q', 'on', `${dir}/flag`) }),
      shell({ id: 'only-if-fails', command: 'true', onlyIf: command('test', '-e', `${dir}/missing`) }),
      shell({ id: 'unless-fails', command: 'true', unless: command('grep', '-q', 'off', `${dir}/flag`) }),
      // A command may change anything, so what follows a running one is planned after it ran.
      shell({ id: 'after-a-run', command: 'true', creates: `${dir}/flag` }),
    ]);
    expect(plan.operations.map((op) => [op.id, op.status])).toEqual([
      ['unless-ok', 'unchanged'],
      ['only-if-fails', 'unchanged'],
      ['unless-fails', 'change'],
      ['after-a-run', 'known-after-apply'],
    ]);
  });

  it('passes env to the guard and the command, and warns that an unguarded command always runs', async () => {
    const executor = new LocalTestExecutor();
    const op = shell({
      id: 'write',
      command: `printf %s "$GREETING" > ${command(`${dir}/out`)}`,
      env: { GREETING: "it's a test" },
    });
    const plan = await planHost(executor, [op]);
    expect(plan.operations[0].summary).toMatch(/no guard: runs on every apply/);
    await applyHost(executor, plan);
    expect(readFileSync(`${dir}/out`, 'utf8')).toBe("it's a test");
  });

  it('cannot swallow the rest of the apply script by reading stdin', async () => {
    const executor = new LocalTestExecutor();
    const ops = [
      shell({ id: 'reader', command: 'cat > /dev/null' }),
      shell({ id: 'next', command: command('touch', `${dir}/next-ran`) }),
    ];
    const result = await applyHost(executor, await planHost(executor, ops));
    expect(result.operations.map((op) => op.status)).toEqual(['changed', 'changed']);
    expect(readFileSync(`${dir}/next-ran`, 'utf8')).toBe('');
  });
});
