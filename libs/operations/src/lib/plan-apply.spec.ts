import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { directory, file, line, shell, template } from '@provisioning/sdk';
import type { Operation } from '@provisioning/sdk';
import { LocalTestExecutor } from '../testing/local-executor';
import { applyHost } from './apply';
import { FactsGatheringError, OperationFailedError, FactsChangedError } from './errors';
import { gatherHostFacts } from './host-facts';
import { planHost } from './plan';

let dir: string;
let executor: LocalTestExecutor;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'plan-apply-'));
  executor = new LocalTestExecutor();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const redisConfig = (port: number): Operation[] => [
  directory({ path: `${dir}/etc/redis`, mode: '0755' }),
  template({
    id: 'config',
    path: `${dir}/etc/redis/redis.conf`,
    template: 'port <%= it.port %>\nbind 127.0.0.1\n',
    params: { port },
    mode: '0640',
  }),
  line({ path: `${dir}/etc/hosts`, line: '10.0.0.5 redis', regex: ' redis$' }),
];

describe('plan and apply on a real shell', () => {
  it('plans successive line edits of one file from the content the earlier ones leave, and applies them in one script', async () => {
    writeFileSync(`${dir}/app.ini`, '[main]\nport=80\n');
    const edits = [
      line({ id: 'port', path: `${dir}/app.ini`, line: 'port=8080', regex: '^port=' }),
      line({ id: 'workers', path: `${dir}/app.ini`, line: 'workers=4' }),
      line({ id: 'debug', path: `${dir}/app.ini`, line: 'debug=false', regex: '^debug=' }),
    ];
    const plan = await planHost(executor, edits);
    expect(plan.operations.map((op) => [op.id, op.status])).toEqual([
      ['port', 'change'],
      ['workers', 'change'],
      ['debug', 'change'],
    ]);
    expect(plan.operations[2].diff).toContain('+debug=false');
    expect(plan.operations[2].diff).toContain(' workers=4');

    const result = await applyHost(executor, plan);
    expect(result).toMatchObject({ status: 'ok', changed: 3, roundTrips: 1 });
    expect(readFileSync(`${dir}/app.ini`, 'utf8')).toBe('[main]\nport=8080\nworkers=4\ndebug=false\n');
    expect((await planHost(executor, edits)).changes).toBe(0);
  });

  it('still refuses to overwrite a file edited between plan and apply, for chained line edits too', async () => {
    writeFileSync(`${dir}/app.ini`, 'a=1\n');
    const plan = await planHost(executor, [
      line({ id: 'b', path: `${dir}/app.ini`, line: 'b=2' }),
      line({ id: 'c', path: `${dir}/app.ini`, line: 'c=3' }),
    ]);
    writeFileSync(`${dir}/app.ini`, 'a=1\nsomeone=else\n');
    const result = await applyHost(executor, plan);
    expect(result.status).toBe('failed');
    expect(readFileSync(`${dir}/app.ini`, 'utf8')).toBe('a=1\nsomeone=else\n');
  });

  it('plans and applies an empty list (a taskserv whose remove is empty) without a round trip', async () => {
    const plan = await planHost(executor, []);
    expect(plan).toMatchObject({ operations: [], changes: 0, errors: 0, roundTrips: 0 });
    expect(await applyHost(executor, plan)).toMatchObject({ status: 'ok', changed: 0, roundTrips: 0 });
  });

  it('converges: plan shows changes, apply makes them, a second plan shows none', async () => {
    const first = await planHost(executor, redisConfig(6379));
    expect(first.operations.map((op) => op.status)).toEqual(['change', 'change', 'change']);
    expect(first.operations[1].diff).toContain('+port 6379');

    const result = await applyHost(executor, first);
    expect(result).toMatchObject({ status: 'ok', changed: 3 });
    expect(readFileSync(`${dir}/etc/redis/redis.conf`, 'utf8')).toBe('port 6379\nbind 127.0.0.1\n');
    expect(statSync(`${dir}/etc/redis/redis.conf`).mode & 0o777).toBe(0o640);
    expect(readFileSync(`${dir}/etc/hosts`, 'utf8')).toBe('10.0.0.5 redis\n');

    const second = await planHost(executor, redisConfig(6379));
    expect(second.changes).toBe(0);
    expect(second.operations.every((op) => op.status === 'unchanged')).toBe(true);
  });

  it('shows exactly the one changed line when a param changes', async () => {
    await applyHost(executor, await planHost(executor, redisConfig(6379)));
    const plan = await planHost(executor, redisConfig(6380));
    expect(plan.operations.map((op) => [op.id, op.status])).toEqual([
      [`directory:${dir}/etc/redis`, 'unchanged'],
      ['config', 'change'],
      [`line:${dir}/etc/hosts:10.0.0.5 redis`, 'unchanged'],
    ]);
    expect(plan.operations[1].diff).toBe(
      `--- ${dir}/etc/redis/redis.conf\n+++ ${dir}/etc/redis/redis.conf\n@@ -1,2 +1,2 @@\n-port 6379\n+port 6380\n bind 127.0.0.1\n`,
    );
  });

  it('reads the facts of every operation in one round trip and applies a plan in one more', async () => {
    const plan = await planHost(executor, redisConfig(6379));
    expect(executor.calls).toHaveLength(1);
    const result = await applyHost(executor, plan);
    expect(executor.calls).toHaveLength(2);
    expect([plan.roundTrips, result.roundTrips]).toEqual([1, 1]);
  });

  it('reads the host facts in the same round trip when asked, exactly as gatherHostFacts reads them alone', async () => {
    const plan = await planHost(executor, redisConfig(6379), { readHostFacts: true });
    expect(executor.calls).toHaveLength(1);
    expect(plan.roundTrips).toBe(1);
    expect(plan.hostFacts).toEqual(await gatherHostFacts(executor));
    expect(plan.operations.map((op) => op.status)).toEqual(['change', 'change', 'change']);
    expect((await planHost(executor, redisConfig(6379))).hostFacts).toBeUndefined();
  });

  it('marks an operation that names a changing one in `after` as known after apply, then decides it on the host from what that edit predictably leaves', async () => {
    const ops = [
      line({ id: 'a', path: `${dir}/app.conf`, line: 'a=1' }),
      line({ id: 'b', path: `${dir}/app.conf`, line: 'b=2', after: ['a'] }),
    ];
    const plan = await planHost(executor, ops);
    expect(plan.operations.map((op) => op.status)).toEqual(['change', 'known-after-apply']);
    expect(plan.operations[1].reason).toBe('a changes first');

    const events: string[] = [];
    const result = await applyHost(executor, plan, { onEvent: (event) => events.push(event.type) });
    expect(result.operations.map((op) => op.status)).toEqual(['changed', 'changed']);
    expect(readFileSync(`${dir}/app.conf`, 'utf8')).toBe('a=1\nb=2\n');
    expect(events).not.toContain('facts-refreshed');
    expect(result.roundTrips).toBe(1);
  });

  it('stops the host at the first failure, naming host, operation, exit code and stderr, and skips the rest', async () => {
    const ops = [
      file({ path: `${dir}/before`, content: 'x' }),
      shell({ id: 'broken', command: 'echo about to fail >&2; echo "token s3cr3t rejected" >&2; exit 3' }),
      file({ path: `${dir}/after`, content: 'y' }),
    ];
    const result = await applyHost(executor, await planHost(executor, ops, { secrets: ['s3cr3t'] }), {
      secrets: ['s3cr3t'],
    });
    expect(result.status).toBe('failed');
    expect(result.operations.map((op) => op.status)).toEqual(['changed', 'failed', 'skipped']);
    expect(readdirSync(dir)).toEqual(['before']);
    expect(result.error).toBeInstanceOf(OperationFailedError);
    expect(result.error).toMatchObject({
      host: 'localhost',
      operationId: 'broken',
      exitCode: 3,
      stderrTail: ['about to fail', 'token *** rejected'],
    });
    expect(result.error?.message).toContain(
      'Operation "broken" (shell) failed on host "localhost" with exit code 3: token *** rejected. Next:',
    );
    expect(result.error?.message).not.toContain('s3cr3t');
  });

  it('refuses a host whose facts changed between plan and apply, naming the operation and what changed, and changes nothing on it', async () => {
    writeFileSync(`${dir}/hosts`, 'one\n');
    const ops = [
      file({ id: 'first', path: `${dir}/first`, content: 'x\n' }),
      line({ id: 'hosts', path: `${dir}/hosts`, line: 'two' }),
    ];
    const plan = await planHost(executor, ops);
    writeFileSync(`${dir}/hosts`, 'edited by someone else\n');
    const result = await applyHost(executor, plan);
    expect(result.error).toBeInstanceOf(FactsChangedError);
    expect(result.error).toMatchObject({ operationId: 'hosts', changed: `${dir}/hosts: content changed` });
    expect(result.error?.message).toMatch(/nothing was changed on the host\. Next: run plan again/);
    expect(result.operations.map((op) => [op.id, op.status])).toEqual([
      ['first', 'skipped'],
      ['hosts', 'failed'],
    ]);
    expect(readdirSync(dir)).toEqual(['hosts']);
    expect(readFileSync(`${dir}/hosts`, 'utf8')).toBe('edited by someone else\n');
    expect(result.roundTrips).toBe(1);
  });

  it('leaves no temp file and the old content when a write fails half way', async () => {
    writeFileSync(`${dir}/keep`, 'old\n');
    const plan = await planHost(executor, [
      file({ path: `${dir}/keep`, content: 'new\n', owner: 'no-such-user-xyz' }),
    ]);
    const result = await applyHost(executor, plan);
    expect(result.status).toBe('failed');
    expect(readFileSync(`${dir}/keep`, 'utf8')).toBe('old\n');
    expect(readdirSync(dir)).toEqual(['keep']);
    // The failing commands are named without the file's content.
    const command = (result.error as OperationFailedError).command;
    expect(command).toContain('(content omitted)');
    expect(command).not.toContain(Buffer.from('new\n').toString('base64'));
  });

  it('masks secrets in diffs and never shows sensitive file content', async () => {
    const plan = await planHost(
      executor,
      [
        file({ path: `${dir}/env`, content: 'PASSWORD=hunter2\n' }),
        file({ path: `${dir}/key`, content: 'PRIVATE KEY\n', sensitive: true }),
      ],
      { secrets: ['hunter2'] },
    );
    expect(plan.operations[0].diff).toContain('+PASSWORD=***');
    expect(plan.operations[0].diff).not.toContain('hunter2');
    expect(plan.operations[1].diff).toBeUndefined();
  });

  it('keeps what was applied and reports the host failed when the connection drops before a later wave', async () => {
    class DropsOnThirdCall extends LocalTestExecutor {
      override exec(commandLine: string, options?: Parameters<LocalTestExecutor['exec']>[1]) {
        if (this.calls.length === 2) return Promise.reject(new Error('connection reset by peer'));
        return super.exec(commandLine, options);
      }
    }
    const dropping = new DropsOnThirdCall();
    // The command changes the file in a way nobody predicted, so b needs a second chain, which never arrives.
    const ops = [
      line({ id: 'a', path: `${dir}/f`, line: 'a' }),
      shell({ id: 'sneaky', command: `echo z >> ${dir}/f` }),
      line({ id: 'b', path: `${dir}/f`, line: 'b' }),
    ];
    const result = await applyHost(dropping, await planHost(dropping, ops));
    expect(result.status).toBe('failed');
    expect(result.operations.map((op) => [op.id, op.status])).toEqual([
      ['a', 'changed'],
      ['sneaky', 'changed'],
      ['b', 'skipped'],
    ]);
    expect(result.error).toBeInstanceOf(FactsGatheringError);
    expect(result.error?.message).toContain('connection reset by peer');
  });

  it('stops when cancelled, saying which operation was interrupted and that the rest did not run', async () => {
    const controller = new AbortController();
    const ops = [shell({ id: 'slow', command: 'sleep 30' }), file({ path: `${dir}/after`, content: 'x' })];
    const plan = await planHost(executor, ops);
    const result = await applyHost(executor, plan, {
      signal: controller.signal,
      onEvent: (event) =>
        event.type === 'operation-started' && event.operationId === 'slow' && controller.abort(),
    });
    expect(result.operations.map((op) => [op.id, op.status])).toEqual([
      ['slow', 'failed'],
      [`file:${dir}/after`, 'skipped'],
    ]);
    expect(result.error?.message).toMatch(
      /Operation "slow" \(shell\) failed on host "localhost": cancelled while running\. Next: plan again/,
    );
  });

  it('reports every operation once, in order, also through an executor that does not stream output', async () => {
    class Buffered extends LocalTestExecutor {
      override exec(commandLine: string, options: Parameters<LocalTestExecutor['exec']>[1] = {}) {
        return super.exec(commandLine, { ...options, onStdout: undefined });
      }
    }
    const buffered = new Buffered();
    writeFileSync(`${dir}/same`, 'same\n');
    const ops = [
      file({ path: `${dir}/same`, content: 'same\n' }),
      file({ path: `${dir}/new`, content: 'new\n' }),
    ];
    const finished: string[] = [];
    await applyHost(buffered, await planHost(buffered, ops), {
      onEvent: (event) =>
        event.type === 'operation-finished' && finished.push(`${event.operationId}:${event.status}`),
    });
    expect(finished).toEqual([`file:${dir}/same:unchanged`, `file:${dir}/new:changed`]);
  });
});
