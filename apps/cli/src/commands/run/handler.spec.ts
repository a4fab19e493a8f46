import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliForTest } from '../../testing/run-cli-for-test';

/** A process's state letter (Z: killed, not yet reaped by an init that never reaps), or gone. */
function stateOf(pid: number): string {
  const status = existsSync(`/proc/${pid}/status`) ? readFileSync(`/proc/${pid}/status`, 'utf8') : '';
  return /^State:\s+(\S)/m.exec(status)?.[1] ?? 'gone';
}

// Real processes and a real store: the first test also loads the engine, slow on a loaded machine.
jest.setTimeout(30_000);

describe('provisioning run (local hosts through the session pool)', () => {
  let ws: string;
  const cli = (args: string[]) => runCliForTest(args, { cwd: ws, env: { HOME: ws } });
  const writeServers = (yaml: string) =>
    writeFileSync(join(ws, 'infra/main/servers.yaml'), `servers:\n${yaml}`);

  beforeEach(() => {
    ws = mkdtempSync(join(tmpdir(), 'cli-run-'));
    mkdirSync(join(ws, 'infra/main'), { recursive: true });
    writeFileSync(join(ws, 'provisioning.yaml'), 'name: t\ndefault_infra: main\n');
    writeServers(
      '  - { name: here, provider: local, labels: { role: web } }\n  - { name: there-1, provider: local, labels: { role: db } }\n',
    );
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));

  it('streams each output line prefixed with its host, stdout and stderr apart, then the summary', async () => {
    const ran = await cli(['run', 'echo out; echo err >&2', '--servers', 'all', '--no-color']);
    expect(ran.code).toBe(0);
    expect(
      ran.stdout
        .split('\n')
        .filter((line) => line.includes('|'))
        .sort(),
    ).toEqual(['here    | out', 'there-1 | out']);
    expect(
      ran.stderr
        .split('\n')
        .filter((line) => line.includes('|'))
        .sort(),
    ).toEqual(['here    | err', 'there-1 | err']);
    expect(ran.stdout.endsWith('2 ok, 0 failed\n')).toBe(true);
  });

  it("sends the command line to the host as typed: pipes, expansions and quotes are the shell's", async () => {
    const ran = await cli([
      'run',
      `printf '%s\\n' "$((40 + 2))" 'a b' | tr 4 x`,
      '--servers',
      'here',
      '--output',
      'json',
    ]);
    expect(JSON.parse(ran.stdout).hosts[0].stdout).toBe('x2\na b\n');
  });

  it('passes {{secret.X}} to the host quoted, and masks its value in streamed lines, json output and errors', async () => {
    const canary = "pw'with $pace-8841";
    const run = (args: string[]) =>
      runCliForTest(args, { cwd: ws, env: { HOME: ws, PROVISIONING_SECRET_DB_PASSWORD: canary } });
    const streamed = await run([
      'run',
      `echo pw={{secret.DB_PASSWORD}}; echo {{secret.DB_PASSWORD}} >&2; printf %s {{secret.DB_PASSWORD}} > ${join(ws, 'got')}`,
      '--servers',
      'here',
      '--no-color',
    ]);
    expect(streamed.code).toBe(0);
    expect(streamed.stdout).toContain('here | pw=***');
    expect(streamed.stderr).toContain('here | ***');
    expect(readFileSync(join(ws, 'got'), 'utf8')).toBe(canary);
    const json = await run([
      'run',
      'echo {{secret.DB_PASSWORD}}; exit 4',
      '--servers',
      'here',
      '--output',
      'json',
    ]);
    expect(JSON.parse(json.stdout).hosts[0]).toMatchObject({ code: 4, stdout: '***\n' });
    expect(`${streamed.stdout}${streamed.stderr}${json.stdout}${json.stderr}`).not.toContain('8841');
  });

  it('leaves other {{...}} templates (docker, kubectl) as typed, and names an unknown secret', async () => {
    const ran = await cli(['run', "echo '{{.State.Status}}'", '--servers', 'here', '--output', 'json']);
    expect(JSON.parse(ran.stdout).hosts[0].stdout).toBe('{{.State.Status}}\n');
    const missing = await cli(['run', 'echo {{secret.NOPE}}', '--servers', 'here']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('error: {{secret.NOPE}} in the command: no secret named NOPE');
  });

  it('selects servers by label', async () => {
    const ran = await cli(['run', 'true', '--servers', 'role=db', '--output', 'json']);
    expect(JSON.parse(ran.stdout).hosts.map((host: { host: string }) => host.host)).toEqual(['there-1']);
  });

  it('groups output per host with --output json, and exits 1 with the exit code when a host returns non-zero', async () => {
    const ran = await cli(['run', 'echo partial; exit 3', '--servers', 'here', '--output', 'json']);
    expect(ran.code).toBe(1);
    const result = JSON.parse(ran.stdout);
    expect(result).toMatchObject({ command: 'echo partial; exit 3', ok: 0, failed: 1 });
    expect(result.hosts).toEqual([
      { host: 'here', code: 3, stdout: 'partial\n', stderr: '', durationMs: expect.any(Number) },
    ]);
    const text = await cli(['run', 'exit 3', '--servers', 'here', '--no-color']);
    expect(text.stdout).toBe('here: exit 3\n0 ok, 1 failed\n');
  });

  it('counts an unreachable host as failed, says why, and still runs on the others', async () => {
    writeServers('  - { name: here, provider: local }\n  - { name: gone, address: 127.0.0.1, port: 1 }\n');
    const ran = await cli(['run', 'echo up', '--servers', 'all', '--no-color']);
    expect(ran.code).toBe(1);
    expect(ran.stdout).toContain('here | up\n');
    expect(ran.stdout).toMatch(/\ngone: .+\n {2}hint: .+\n/);
    expect(ran.stdout.endsWith('1 ok, 1 failed\n')).toBe(true);
  });

  it('kills a command that outlives --timeout and keeps what it printed', async () => {
    const started = Date.now();
    const ran = await cli([
      'run',
      'echo started; sleep 30',
      '--servers',
      'here',
      '--timeout',
      '0.5',
      '--output',
      'json',
    ]);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(ran.code).toBe(1);
    const [host] = JSON.parse(ran.stdout).hosts;
    expect(host).toMatchObject({ host: 'here', code: null, stdout: 'started\n' });
    expect(host.error).toEqual({
      message: 'timed out after 0.5s; the command was killed on the host',
      hint: 'pass a larger --timeout (seconds) if it is legitimately slow',
    });
  });

  it('on Ctrl-C kills the commands on the hosts and reports them as interrupted', async () => {
    const marker = join(ws, 'started');
    const started = Date.now();
    let settled = false;
    const running = cli([
      'run',
      `sleep 30 & echo $! > ${marker}; wait; echo finished`,
      '--servers',
      'here',
      '--output',
      'json',
    ]).finally(() => (settled = true));
    while (!settled && (!existsSync(marker) || readFileSync(marker, 'utf8') === ''))
      await new Promise((resolve) => setTimeout(resolve, 20));
    // What Node does when SIGINT arrives. Not process.emit: once a library has patched it
    // (signal-exit does), it emits on the real process, not on the one this test file sees.
    for (const listener of process.listeners('SIGINT')) listener('SIGINT');
    const ran = await running;
    expect(ran.stderr).toBe('');
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(ran.code).toBe(1);
    const [host] = JSON.parse(ran.stdout).hosts;
    expect(host).toMatchObject({ host: 'here', code: null, stdout: '' });
    expect(host.error.message).toBe('interrupted (Ctrl-C); the command was killed on the host');
    const sleeper = Number(readFileSync(marker, 'utf8'));
    // SIGKILL is delivered, but a loaded machine may take a moment to schedule the process's death.
    const deadline = Date.now() + 5000;
    while (!/^(gone|Z)$/.test(stateOf(sleeper)) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stateOf(sleeper)).toMatch(/^(gone|Z)$/);
  });

  it('requires --servers, so nothing runs everywhere by accident', async () => {
    const ran = await cli(['run', 'true']);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain("error: required option '--servers <selection>' not specified");
  });
});
