import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliForTest } from '../../testing/run-cli-for-test';

// Real parts: servers that are this machine (provider: local), the embedded SQLite store, and for
// --orchestrator a real orchestrator process listening on loopback.
jest.setTimeout(90_000);

describe('provisioning workflow', () => {
  let ws: string;
  const cli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    runCliForTest([...args, '--no-color'], { cwd: ws, env: { HOME: ws, ...env } });
  const log = () => (existsSync(join(ws, 'log')) ? readFileSync(join(ws, 'log'), 'utf8') : '');
  const write = (name: string, text: string) => writeFileSync(join(ws, 'workflows', name), text);

  beforeEach(() => {
    ws = mkdtempSync(join(tmpdir(), 'cli-workflow-'));
    mkdirSync(join(ws, 'infra/main'), { recursive: true });
    mkdirSync(join(ws, 'workflows'));
    writeFileSync(join(ws, 'provisioning.yaml'), 'name: t\ndefault_infra: main\n');
    writeFileSync(join(ws, 'infra/main/servers.yaml'), 'servers:\n  - { name: here, provider: local }\n');
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));

  it('submits and runs a workflow in-process, printing progress, then shows it in list, status and logs', async () => {
    write(
      'rollout.yaml',
      `name: rollout\noperations:\n  - { id: a, type: command, servers: all, command: "echo a >> ${join(ws, 'log')}" }\n  - { id: b, type: command, servers: all, command: "echo b >> ${join(ws, 'log')}", dependencies: [a] }\n`,
    );
    const ran = await cli(['workflow', 'submit', 'workflows/rollout.yaml']);
    expect(ran.code).toBe(0);
    expect(log()).toBe('a\nb\n');
    expect(ran.stderr).toMatch(/^submitted (wf-\S+) \(rollout\) to .*\.provisioning\/workflows\.db\n/);
    expect(ran.stderr).toMatch(/step-succeeded b \(attempt 1, \d+\.\ds\)\n.* workflow-succeeded\n/);
    const id = /^(wf-\S+)/.exec(ran.stdout)?.[1] as string;
    expect(ran.stdout).toMatch(
      new RegExp(
        `^${id}  rollout  succeeded  2 succeeded\n  succeeded a \\d+\\.\\ds\n  succeeded b \\d+\\.\\ds\n$`,
      ),
    );

    const list = await cli(['workflow', 'list', '--output', 'json']);
    expect(
      JSON.parse(list.stdout).items.map((item: { id: string; status: string }) => [item.id, item.status]),
    ).toEqual([[id, 'succeeded']]);
    const status = JSON.parse((await cli(['workflow', 'status', id, '--output', 'json'])).stdout);
    expect(status.steps.map((step: { id: string; status: string }) => `${step.id}:${step.status}`)).toEqual([
      'a:succeeded',
      'b:succeeded',
    ]);
    const logs = await cli(['workflow', 'logs', id]);
    expect(
      logs.stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => line.replace(/^\S+ /, '').replace(/ \(.*$/, '')),
    ).toEqual([
      'workflow-submitted',
      'step-started a',
      'step-succeeded a',
      'step-started b',
      'step-succeeded b',
      'workflow-succeeded',
    ]);
  });

  it("shows a step's output lines live while submit runs it, and again in logs", async () => {
    write(
      'talk.yaml',
      'name: talk\noperations:\n  - { id: talk, type: command, servers: all, command: "echo hello; echo oops >&2" }\n',
    );
    const ran = await cli(['workflow', 'submit', 'workflows/talk.yaml']);
    expect(ran.code).toBe(0);
    // Between the step's start and its result (stdout and stderr lines may arrive in either order).
    const during = ran.stderr.slice(
      ran.stderr.indexOf('step-started talk'),
      ran.stderr.indexOf('step-succeeded talk'),
    );
    expect(during).toMatch(/ talk here \| hello\n/);
    expect(during).toMatch(/ talk here \| oops\n/);
    const id = /^(wf-\S+)/.exec(ran.stdout)?.[1] as string;
    const logs = (await cli(['workflow', 'logs', id])).stdout
      .split('\n')
      .map((line) => line.replace(/^\S+ /, ''));
    expect(logs).toEqual(expect.arrayContaining(['talk here | hello', 'talk here | oops']));
  });

  it('exits 1 when the workflow fails, and resume runs only what did not succeed', async () => {
    const flag = join(ws, 'fixed');
    write(
      'fragile.yaml',
      `name: fragile\noperations:\n  - { id: a, type: command, servers: all, command: "echo a >> ${join(ws, 'log')}" }\n  - { id: b, type: command, servers: all, command: "test -e ${flag} && echo b >> ${join(ws, 'log')}", dependencies: [a] }\n`,
    );
    const failed = await cli(['workflow', 'submit', 'workflows/fragile.yaml', '--output', 'json']);
    expect(failed.code).toBe(1);
    const detail = JSON.parse(failed.stdout);
    expect(detail.workflow.status).toBe('failed');
    expect(detail.steps[1].error).toEqual({ message: '1 of 1 host(s) failed: here: exit 1', class: 'exit' });
    writeFileSync(flag, '');
    const resumed = await cli(['workflow', 'resume', detail.workflow.id]);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain(`resume: ${detail.workflow.id} is now running`);
    expect(resumed.stderr).not.toContain('step-started a');
    expect(log()).toBe('a\nb\n');
  });

  it('refuses an invalid workflow file with its problems at file:line:col and exit 1, recording nothing', async () => {
    write('bad.yaml', 'name: bad\noperations:\n  - { id: a, type: noop, dependencies: [a2] }\n');
    const ran = await cli(['workflow', 'submit', 'workflows/bad.yaml']);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain(
      'workflows/bad.yaml:3:41 error operations[0].dependencies[0]: no operation "a2" in this workflow; did you mean "a"?',
    );
    expect(JSON.parse((await cli(['workflow', 'list', '--output', 'json'])).stdout).items).toEqual([]);
  });

  it('says how to get the orchestrator program when it is not built next to the CLI', async () => {
    const ran = await cli(['orchestrator', 'start'], { PROVISIONING_ORCHESTRATOR_ENTRY: '' });
    expect(ran.code).toBe(1);
    expect(ran.stderr).toMatch(
      /error: the orchestrator program is not installed next to this CLI .*\nhint: build it with `nx run orchestrator:build`/,
    );
  });

  describe('with --orchestrator', () => {
    let orchestrator: ChildProcess;
    let url: string;

    beforeEach(async () => {
      const root = join(__dirname, '../../../../..');
      orchestrator = spawn(
        process.execPath,
        [
          '-r',
          '@swc-node/register',
          join(root, 'apps/orchestrator/src/main.ts'),
          'start',
          '--workspace',
          ws,
          '--listen',
          '127.0.0.1:0',
        ],
        {
          cwd: root,
          env: { ...process.env, SWC_NODE_PROJECT: join(root, 'tsconfig.base.json') },
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      url = await new Promise<string>((resolve, reject) => {
        let out = '';
        orchestrator.stdout?.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const found = /"url":"(http:\/\/[^"]+)"/.exec(out);
          if (found) resolve(found[1]);
        });
        orchestrator.once('exit', (code) =>
          reject(new Error(`the orchestrator exited (${code}) before listening:\n${out}`)),
        );
      });
    });
    afterEach(async () => {
      const exited = new Promise((resolve) => orchestrator.once('exit', resolve));
      orchestrator.kill('SIGTERM');
      await exited;
    });

    it('submits to the orchestrator, follows it with --wait, reads it back with the token it created, which orchestrator token prints', async () => {
      write(
        'remote.yaml',
        `name: remote\noperations:\n  - { id: a, type: command, servers: all, command: "echo remote >> ${join(ws, 'log')}" }\n`,
      );
      const ran = await cli(['workflow', 'submit', 'workflows/remote.yaml', '--orchestrator', url, '--wait']);
      expect([ran.code, ran.stderr]).toEqual([0, expect.stringContaining(`to ${url}\n`)]);
      expect(ran.stderr).toContain('workflow-succeeded');
      expect(log()).toBe('remote\n');
      const list = JSON.parse(
        (await cli(['workflow', 'list', '--output', 'json'], { PROVISIONING_ORCHESTRATOR_URL: url })).stdout,
      );
      expect(
        list.items.map((item: { name: string; status: string }) => `${item.name}:${item.status}`),
      ).toEqual(['remote:succeeded']);
      const refused = await cli(['workflow', 'list', '--orchestrator', url, '--token', 'wrong']);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(
        'error: the orchestrator refused the token: missing or wrong bearer token',
      );
      // The token the orchestrator created at its first start.
      const printed = await cli(['orchestrator', 'token']);
      expect(printed.code).toBe(0);
      expect(printed.stdout.trim()).toBe(
        readFileSync(join(ws, '.provisioning/orchestrator.token'), 'utf8').trim(),
      );
      expect(printed.stdout.trim()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    });
  });
});
