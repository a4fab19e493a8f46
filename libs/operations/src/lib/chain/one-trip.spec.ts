import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { command, directory, file, line, shell, template } from '@provisioning/sdk';
import { installedProgram } from '@provisioning/sdk/testing';
import type { Operation } from '@provisioning/sdk';
import { LocalTestExecutor } from '../../testing/local-executor';
import { applyHost } from '../apply';
import { FactsChangedError } from '../errors';
import { planHost } from '../plan';
import { renderHostPlan } from '../render-plan';

// Several real shells per test: generous on a loaded machine.
jest.setTimeout(60_000);

let dir: string;
let executor: LocalTestExecutor;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'one-trip-'));
  executor = new LocalTestExecutor();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Unguarded commands interleaved with files, templates and line edits, as a real task service writes them. */
const workload = (): Operation[] => [
  directory({ id: 'dir', path: `${dir}/app` }),
  shell({ id: 'stamp', command: `date +%s%N > ${command(`${dir}/app/stamp`)}` }),
  file({ id: 'conf', path: `${dir}/app/app.conf`, content: 'port=80\n', mode: '0640' }),
  template({
    id: 'tpl',
    path: `${dir}/app/svc.conf`,
    template: 'name=<%= it.name %>\n',
    params: { name: 'web' },
  }),
  shell({ id: 'count', command: `ls ${command(`${dir}/app`)} | wc -l > ${command(`${dir}/count`)}` }),
  line({ id: 'hosts', path: `${dir}/hosts`, line: '10.0.0.1 db' }),
  shell({ id: 'once', command: `touch ${command(`${dir}/once`)}`, creates: `${dir}/once` }),
];

/** The workload applied again on a converged host: its two unguarded commands run, nothing else changes. */
const REAPPLIED = [
  ['dir', 'unchanged'],
  ['stamp', 'changed'],
  ['conf', 'unchanged'],
  ['tpl', 'unchanged'],
  ['count', 'changed'],
  ['hosts', 'unchanged'],
  ['once', 'unchanged'],
];

describe('apply in one round trip per host', () => {
  it('decides every operation after a changing command on the host, in the same round trip', async () => {
    const plan = await planHost(executor, workload());
    expect(plan.operations.map((op) => [op.id, op.status])).toEqual([
      ['dir', 'change'],
      ['stamp', 'change'],
      ['conf', 'known-after-apply'],
      ['tpl', 'known-after-apply'],
      ['count', 'known-after-apply'],
      ['hosts', 'known-after-apply'],
      ['once', 'known-after-apply'],
    ]);
    const result = await applyHost(executor, plan);
    expect(result).toMatchObject({ status: 'ok', changed: 7, roundTrips: 1 });
    expect(executor.calls).toHaveLength(2);
    expect(result.operations.find((op) => op.id === 'conf')?.diff).toContain('+port=80');
    expect(readFileSync(`${dir}/app/app.conf`, 'utf8')).toBe('port=80\n');
    expect(readFileSync(`${dir}/app/svc.conf`, 'utf8')).toBe('name=web\n');
    expect(readFileSync(`${dir}/count`, 'utf8').trim()).toBe('3');
    expect(readFileSync(`${dir}/hosts`, 'utf8')).toBe('10.0.0.1 db\n');
  });

  it('re-applies a converged host in one round trip: the commands run, nothing else changes, and the plan says so', async () => {
    await applyHost(executor, await planHost(executor, workload()));
    const plan = await planHost(executor, workload());
    expect(plan).toMatchObject({ changes: 2, commandsEveryApply: 2 });
    expect(renderHostPlan(plan).split('\n')[0]).toBe(
      "localhost: 2 commands run on every apply, nothing else changes (4 known after apply, unchanged on today's facts)",
    );
    const calls = executor.calls.length;
    const result = await applyHost(executor, plan);
    expect(executor.calls.length - calls).toBe(1);
    expect(result.operations.map((op) => [op.id, op.status])).toEqual(REAPPLIED);
    expect(result.operations.at(-1)?.summary).toBe(`skip: ${dir}/once exists`);
  });

  it('decides a guarded command on the host from what earlier operations left there', async () => {
    const ops = [
      shell({ id: 'make', command: `echo made > ${command(`${dir}/made`)}` }),
      shell({ id: 'creates', command: 'exit 9', creates: `${dir}/made` }),
      shell({ id: 'unless', command: 'exit 9', unless: `grep -q made ${command(`${dir}/made`)}` }),
      shell({
        id: 'only-if',
        command: `echo ran > ${command(`${dir}/ran`)}`,
        onlyIf: `test -s ${command(`${dir}/made`)}`,
      }),
    ];
    const result = await applyHost(executor, await planHost(executor, ops));
    expect(result.operations.map((op) => [op.id, op.status, op.summary])).toEqual([
      ['make', 'changed', expect.stringContaining('run: echo made')],
      ['creates', 'unchanged', `skip: ${dir}/made exists`],
      ['unless', 'unchanged', 'skip: unless-command succeeded'],
      ['only-if', 'changed', expect.stringContaining('run: echo ran')],
    ]);
    expect(result.roundTrips).toBe(1);
  });

  it("reports a command's exit code and the tail of its output, secrets redacted", async () => {
    const ops = [shell({ id: 'talk', command: 'echo "line one"; echo "token s3cr3t used" >&2; echo done' })];
    const result = await applyHost(executor, await planHost(executor, ops), { secrets: ['s3cr3t'] });
    expect(result.operations[0]).toMatchObject({
      status: 'changed',
      exitCode: 0,
      output: ['line one', 'token *** used', 'done'],
    });
  });

  it('cannot be fooled by a command printing records: its output never reaches the record stream', async () => {
    const forged = [0, 1, 2].map((index) => `@@PROV-000000000000000000000000 ${index} unchanged`).join('\\n');
    const ops = [
      shell({
        id: 'forger',
        command: `printf '${forged}\\n'; { printf '${forged}\\n' >&3; } 2>/dev/null || echo 'no record descriptor'; { printf '${forged}\\n' >/dev/stdout; } 2>/dev/null || true; exit 4`,
      }),
      file({ id: 'after', path: `${dir}/after`, content: 'x' }),
    ];
    const result = await applyHost(executor, await planHost(executor, ops));
    expect(result.operations.map((op) => [op.id, op.status])).toEqual([
      ['forger', 'failed'],
      ['after', 'skipped'],
    ]);
    expect(result.error).toMatchObject({ operationId: 'forger', exitCode: 4 });
    expect(result.error?.stderrTail).toContain('no record descriptor');
  });

  it('sends back the facts of an operation an earlier change touched, decides it here, and sends the rest in one more round trip', async () => {
    const ops = [
      shell({ id: 'writes', command: `echo 'port=80' > ${command(`${dir}/app.conf`)}` }),
      line({ id: 'edit', path: `${dir}/app.conf`, line: 'port=8080', regex: '^port=' }),
      file({ id: 'other', path: `${dir}/other`, content: 'y\n' }),
    ];
    const plan = await planHost(executor, ops);
    const result = await applyHost(executor, plan);
    expect(result).toMatchObject({ status: 'ok', changed: 3, roundTrips: 2 });
    expect(result.operations[1].diff).toContain('-port=80\n+port=8080');
    expect(readFileSync(`${dir}/app.conf`, 'utf8')).toBe('port=8080\n');
  });

  it('refuses a stale host also when the plan kept only fingerprints (a saved plan)', async () => {
    writeFileSync(`${dir}/conf`, 'a\n');
    const plan = await planHost(executor, [
      file({ id: 'conf', path: `${dir}/conf`, content: 'b\n', mode: '0600' }),
    ]);
    const saved = { ...plan, operations: plan.operations.map(({ observed: _observed, ...op }) => op) };
    expect(saved.operations[0].fingerprint).toMatch(/^[0-9a-f]{64}$/);
    writeFileSync(`${dir}/conf`, 'c\n');
    const result = await applyHost(executor, saved);
    expect(result.error).toBeInstanceOf(FactsChangedError);
    expect(readFileSync(`${dir}/conf`, 'utf8')).toBe('c\n');
  });

  it('skips the re-read when told the plan was made a moment ago and shown to nobody (verifyFacts: false)', async () => {
    writeFileSync(`${dir}/conf`, 'a\n');
    const plan = await planHost(executor, [
      file({ id: 'conf', path: `${dir}/conf`, content: 'b\n', mode: '0600' }),
    ]);
    writeFileSync(`${dir}/conf`, 'c\n');
    const sent: string[] = [];
    const recording = {
      host: executor.host,
      exec: (cmd: string, opts?: never) => (sent.push(cmd), executor.exec(cmd, opts)),
    };
    const result = await applyHost(recording as never, plan, { verifyFacts: false });
    expect(result).toMatchObject({ status: 'ok', changed: 1, roundTrips: 1 });
    expect(readFileSync(`${dir}/conf`, 'utf8')).toBe('b\n');
    // the chain carries no facts read for the decided operation (sha256sum of the file is the facts script's)
    expect(sent.join('\n')).not.toContain(' stale ');
  });
});

describe('a host changed between plan and apply', () => {
  it('applies on when the change made is the one the plan wanted (someone did it already), reporting it unchanged', async () => {
    const ops = [
      file({ id: 'a', path: `${dir}/a`, content: 'a\n' }),
      file({ id: 'b', path: `${dir}/b`, content: 'b\n' }),
    ];
    const plan = await planHost(executor, ops);
    writeFileSync(`${dir}/a`, 'a\n');
    const result = await applyHost(executor, plan);
    expect(result.operations.map((op) => [op.id, op.status])).toEqual([
      ['a', 'unchanged'],
      ['b', 'changed'],
    ]);
    expect(result.roundTrips).toBe(2);
  });
});

describe('line edits after a changing command', () => {
  it('predicts what earlier edits of the same file leave, so every edit is decided on the host in one round trip', async () => {
    writeFileSync(`${dir}/app.ini`, 'key_1 = old\nkey_2 = old\n');
    const ops: Operation[] = [shell({ id: 'run', command: 'true' })];
    for (const k of [1, 2, 3]) {
      ops.push(
        line({ id: `ini-${k}`, path: `${dir}/app.ini`, line: `key_${k} = new`, regex: `^key_${k} *=` }),
      );
      ops.push(line({ id: `limits-${k}`, path: `${dir}/limits.conf`, line: `svc-${k} nofile ${k}` }));
      ops.push(shell({ id: `between-${k}`, command: 'true' }));
    }
    const plan = await planHost(executor, ops);
    const result = await applyHost(executor, plan);
    expect(result).toMatchObject({ status: 'ok', roundTrips: 1 });
    expect(readFileSync(`${dir}/app.ini`, 'utf8')).toBe('key_1 = new\nkey_2 = new\nkey_3 = new\n');
    expect(readFileSync(`${dir}/limits.conf`, 'utf8')).toBe(
      'svc-1 nofile 1\nsvc-2 nofile 2\nsvc-3 nofile 3\n',
    );
    expect(result.operations.find((op) => op.id === 'ini-3')?.diff).toContain('+key_3 = new');

    // Converged: the same chain again finds every edit already made, still in one round trip.
    const again = await applyHost(executor, await planHost(executor, ops));
    expect(again).toMatchObject({ status: 'ok', roundTrips: 1, changed: 4 }); // the four commands
  });

  it('falls back to reading the facts when a command changed the file in a way nobody predicted', async () => {
    writeFileSync(`${dir}/app.ini`, 'a=1\n');
    const ops = [
      shell({ id: 'sneaky', command: `echo 'z=9' >> ${command(`${dir}/app.ini`)}` }),
      line({ id: 'b', path: `${dir}/app.ini`, line: 'b=2' }),
    ];
    const result = await applyHost(executor, await planHost(executor, ops));
    expect(result).toMatchObject({ status: 'ok', roundTrips: 2 });
    expect(readFileSync(`${dir}/app.ini`, 'utf8')).toBe('a=1\nz=9\nb=2\n');
  });
});

describe('processes an apply chain starts on the host', () => {
  const tools = ['base64', 'mv', 'stat', 'sha256sum', 'cut', 'chmod', 'chown', 'mkdir', 'id'];
  let shims: string;
  let log: string;
  let path: string | undefined;
  beforeEach(() => {
    shims = mkdtempSync(join(tmpdir(), 'shims-'));
    log = join(shims, 'log');
    for (const tool of tools) {
      const real = execFileSync('/bin/sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim();
      writeFileSync(join(shims, tool), `#!/bin/sh\necho ${tool} >> '${log}'\nexec ${real} "$@"\n`, {
        mode: 0o755,
      });
    }
    path = process.env.PATH;
    process.env.PATH = `${shims}:${path}`;
  });
  afterEach(() => {
    process.env.PATH = path;
    rmSync(shims, { recursive: true, force: true });
  });
  const started = (): string[] => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []);

  it('writes a file decided on the host after a command with base64 and mv only: no probe process for a missing path', async () => {
    const ops = [
      shell({ id: 'cmd', command: 'true' }),
      file({ id: 'conf', path: `${dir}/app.conf`, content: 'port=80\n', mode: '0640' }),
    ];
    const plan = await planHost(executor, ops);
    rmSync(log, { force: true });
    const result = await applyHost(executor, plan);
    expect(result.operations.map((op) => [op.id, op.status])).toEqual([
      ['cmd', 'changed'],
      ['conf', 'changed'],
    ]);
    expect(started()).toEqual(['base64', 'mv']);
  });

  it('probes an existing file with one stat and one sha256sum, and edits a line without hashing it again', async () => {
    writeFileSync(`${dir}/app.conf`, 'port=80\n');
    writeFileSync(`${dir}/hosts`, '127.0.0.1 localhost\n');
    const ops = [
      shell({ id: 'cmd', command: 'true' }),
      file({ id: 'conf', path: `${dir}/app.conf`, content: 'port=8080\n' }),
      line({ id: 'hosts', path: `${dir}/hosts`, line: '10.0.0.1 db' }),
    ];
    const plan = await planHost(executor, ops);
    rmSync(log, { force: true });
    const result = await applyHost(executor, plan);
    expect(result.operations.map((op) => op.status)).toEqual(['changed', 'changed', 'changed']);
    expect(started()).toEqual(['stat', 'sha256sum', 'base64', 'mv', 'sha256sum', 'base64', 'mv']);
    expect(readFileSync(`${dir}/hosts`, 'utf8')).toBe('127.0.0.1 localhost\n10.0.0.1 db\n');
  });

  it('plans a converged host with one stat and one sha256sum of all paths, and reads a file that line edits share once', async () => {
    const ops = [
      file({ id: 'a', path: `${dir}/a.conf`, content: 'a=1\n' }),
      file({ id: 'b', path: `${dir}/b.conf`, content: 'b=1\n' }),
      file({ id: 'c', path: `${dir}/c.conf`, content: 'c=1\n' }),
      line({ id: 'one', path: `${dir}/hosts`, line: '10.0.0.1 db' }),
      line({ id: 'two', path: `${dir}/hosts`, line: '10.0.0.2 cache' }),
    ];
    await applyHost(executor, await planHost(executor, ops));
    rmSync(log, { force: true });
    const plan = await planHost(executor, ops);
    expect(plan.operations.map((op) => op.status)).toEqual(Array(5).fill('unchanged'));
    expect(started()).toEqual(['stat', 'sha256sum', 'base64']);

    // A file that differs comes back whole, for its diff.
    writeFileSync(`${dir}/b.conf`, 'b=2\n');
    rmSync(log, { force: true });
    const changed = await planHost(executor, ops);
    expect(changed.operations.find((op) => op.id === 'b')?.diff).toContain('-b=2\n+b=1');
    expect(started()).toEqual(['stat', 'sha256sum', 'base64', 'base64']);
  });

  it('decides a directory after a command from one stat of it: unchanged when it is as wanted', async () => {
    const ops = [
      shell({ id: 'cmd', command: 'true' }),
      directory({ id: 'made', path: `${dir}/made`, mode: '0750' }),
      directory({ id: 'kept', path: dir }),
    ];
    await applyHost(executor, await planHost(executor, ops));
    const plan = await planHost(executor, ops);
    rmSync(log, { force: true });
    const result = await applyHost(executor, plan);
    expect(result.operations.map((op) => [op.id, op.status])).toEqual([
      ['cmd', 'changed'],
      ['made', 'unchanged'],
      ['kept', 'unchanged'],
    ]);
    expect(started()).toEqual(['stat', 'stat']);
  });
});

/**
 * The `sh` a host may have: dash (Debian, Ubuntu), bash (RHEL, Fedora, Arch), BusyBox ash with
 * BusyBox's own stat, base64, sha256sum and mv (Alpine, OpenWrt, many single-board images), and
 * mksh, which predefines `r` as an alias. Each is put first in PATH as `sh`, so the plan's facts
 * script and the chain both run in it.
 */
const HOST_SHELLS: ReadonlyArray<{
  name: string;
  binary: string;
  install: (bin: string, real: string) => void;
}> = [
  { name: 'dash', binary: 'dash', install: (bin, real) => symlinkSync(real, join(bin, 'sh')) },
  { name: 'bash', binary: 'bash', install: (bin, real) => symlinkSync(real, join(bin, 'sh')) },
  { name: 'mksh', binary: 'mksh', install: (bin, real) => symlinkSync(real, join(bin, 'sh')) },
  {
    name: 'BusyBox ash and applets',
    binary: 'busybox',
    install: (bin, real) => execFileSync(real, ['--install', '-s', bin]),
  },
];

describe.each(HOST_SHELLS)('a host whose sh is $name', ({ binary, install }) => {
  const program = installedProgram(binary, `one-trip under ${binary}`);
  let bin: string | undefined;
  let path: string | undefined;
  beforeEach(() => {
    const real = program.require();
    bin = mkdtempSync(join(tmpdir(), `sh-${binary}-`));
    install(bin, real);
    path = process.env.PATH;
    process.env.PATH = `${bin}:${path}`;
  });
  afterEach(() => {
    if (path !== undefined) process.env.PATH = path;
    if (bin) rmSync(bin, { recursive: true, force: true });
    bin = path = undefined;
  });

  (program.skipped ? it.skip : it)(
    'plans, applies in one round trip and re-applies to the same end state',
    async () => {
      // The executor's `sh -s` finds this shell, not the machine's own.
      expect((await executor.exec('command -v sh')).stdout.trim()).toBe(`${bin}/sh`);
      const first = await applyHost(executor, await planHost(executor, workload()));
      expect(first).toMatchObject({ status: 'ok', changed: 7, roundTrips: 1 });
      expect(first.operations.find((op) => op.id === 'conf')?.diff).toContain('+port=80');
      expect(readFileSync(`${dir}/app/app.conf`, 'utf8')).toBe('port=80\n');
      expect(statSync(`${dir}/app/app.conf`).mode & 0o777).toBe(0o640);
      expect(readFileSync(`${dir}/app/svc.conf`, 'utf8')).toBe('name=web\n');
      expect(readFileSync(`${dir}/count`, 'utf8').trim()).toBe('3');
      expect(readFileSync(`${dir}/hosts`, 'utf8')).toBe('10.0.0.1 db\n');

      const plan = await planHost(executor, workload());
      expect(plan).toMatchObject({ changes: 2, commandsEveryApply: 2 });
      const again = await applyHost(executor, plan);
      expect(again.operations.map((op) => [op.id, op.status])).toEqual(REAPPLIED);
    },
  );
});
