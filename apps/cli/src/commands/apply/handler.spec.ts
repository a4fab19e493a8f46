import { defineTaskserv, file, type TaskservDefinition } from '@provisioning/sdk';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { runCliForTest } from '../../testing/run-cli-for-test';

const motd = defineTaskserv({
  name: 'motd',
  version: '1.0.0',
  params: z.object({ path: z.string(), text: z.string() }),
  install: ({ params }) => [file({ path: params.path, content: `${params.text}\n`, mode: '0644' })],
});
const taskservs = new Map<string, TaskservDefinition>([['motd', motd]]);

// Each test runs the CLI several times over real files and a real store: slow on a loaded machine.
jest.setTimeout(30_000);

describe('provisioning plan and apply (local hosts, real files, real state store)', () => {
  let ws: string;
  let target: string;
  const cli = (args: string[]) => runCliForTest(args, { cwd: ws, taskservs, env: { HOME: ws } });
  const writeInfra = (text: string) =>
    writeFileSync(
      join(ws, 'infra/main/taskservs.yaml'),
      `taskservs:\n  - { name: motd, servers: [here], params: { path: "${target}", text: "${text}" } }\n`,
    );

  beforeEach(() => {
    ws = mkdtempSync(join(tmpdir(), 'cli-apply-'));
    target = join(ws, 'out', 'motd');
    mkdirSync(join(ws, 'infra/main'), { recursive: true });
    mkdirSync(join(ws, 'out'));
    writeFileSync(join(ws, 'provisioning.yaml'), 'name: t\ndefault_infra: main\n');
    writeFileSync(join(ws, 'infra/main/servers.yaml'), 'servers:\n  - { name: here, provider: local }\n');
    writeInfra('hello');
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));

  it('plan exits 0 with the change listed (2 with --detailed-exitcode), apply makes it, and plan then exits 0 either way', async () => {
    const planned = await cli(['plan', '--no-color']);
    expect(planned.code).toBe(0);
    expect((await cli(['plan', '--detailed-exitcode'])).code).toBe(2);
    expect(planned.stdout).toContain(`~ motd/file:${target}: create ${target} (1 line)`);
    expect(planned.stdout).toContain('Plan: 1 to change on 1 host.');

    const applied = await cli(['apply', '--yes', '--no-color']);
    expect(applied.code).toBe(0);
    expect(readFileSync(target, 'utf8')).toBe('hello\n');
    expect(applied.stdout).toMatch(/^host\s+status\s+changed\s+unchanged/);
    expect(applied.stdout).toContain('Apply complete: 1 changed on 1 host');

    const again = await cli(['plan', '--output', 'json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).changes).toBe(0);
    expect((await cli(['plan', '--detailed-exitcode'])).code).toBe(0);
  });

  it('refuses to apply unattended without --yes, and changes nothing', async () => {
    const refused = await cli(['apply']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('error: this would change hosts and nobody is there to confirm');
    expect(refused.stderr).toContain('hint: pass --yes to apply, or --check to only see the plan');
    expect(() => readFileSync(target)).toThrow();
  });

  it('with --check only plans', async () => {
    const checked = await cli(['apply', '--check', '--output', 'json']);
    expect(checked.code).toBe(2);
    expect(JSON.parse(checked.stdout).changes).toBe(1);
    expect(() => readFileSync(target)).toThrow();
  });

  it('applies a saved plan, and refuses a host whose desired state changed since, changing nothing on it', async () => {
    expect((await cli(['plan', '--out', 'p.json'])).code).toBe(0);
    writeInfra('changed meanwhile');
    const stale = await cli(['apply', '--plan', 'p.json', '--yes', '--no-color']);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain(
      `here: here changed since the plan was made, so nothing was applied on it: motd/file:${target} (planned "create ${target} (1 line)" (change), now`,
    );
    expect(() => readFileSync(target)).toThrow();

    expect((await cli(['plan', '--out', 'p.json'])).code).toBe(0);
    expect((await cli(['apply', '--plan', 'p.json', '--yes'])).code).toBe(0);
    expect(readFileSync(target, 'utf8')).toBe('changed meanwhile\n');
  });

  it('reports the id of the run it recorded in the state store', async () => {
    const applied = await cli(['apply', '--yes', '--output', 'json']);
    const runId = JSON.parse(applied.stdout).runId as string;
    expect(runId).toMatch(/^\d{8}-\d{6}-/);
  });

  it('names an unknown server in --servers and lists the known ones', async () => {
    const run = await cli(['plan', '--servers', 'nope']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'error: infra "main" has no server "nope"\nhint: servers: here; select by label with --servers role=web\n',
    );
  });
});
