import { absent, defineTaskserv, file, type TaskservDefinition } from '@provisioning/sdk';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { runCliForTest } from '../../testing/run-cli-for-test';

const motd = defineTaskserv({
  name: 'motd',
  version: '1.2.0',
  description: 'a message of the day',
  params: z.object({
    dir: z.string(),
    text: z.string().default('hello'),
    mode: z.enum(['0644', '0600']).optional(),
  }),
  install: ({ params }) => [file({ path: `${params.dir}/motd`, content: `${params.text}\n`, mode: '0644' })],
  remove: ({ params }) => [absent({ path: `${params.dir}/motd` })],
});
// Its removal finds nothing to do on the host: removing it only forgets it in the state store.
const keep = defineTaskserv({
  name: 'keep',
  version: '0.1.0',
  params: z.object({ path: z.string() }),
  install: ({ params }) => [file({ path: params.path, content: 'kept\n' })],
  remove: ({ params }) => [absent({ path: `${params.path}.never-there` })],
});
const taskservs = new Map<string, TaskservDefinition>([
  ['motd', motd],
  ['keep', keep],
]);

// Real processes and a real store: the first test also loads the engine, slow on a loaded machine.
jest.setTimeout(30_000);

describe('provisioning taskserv (a local host, real files, real state store)', () => {
  let ws: string;
  let target: string;
  const cli = (args: string[]) => runCliForTest(args, { cwd: ws, taskservs, env: { HOME: ws } });
  const writeServers = (extra = '') =>
    writeFileSync(
      join(ws, 'infra/main/servers.yaml'),
      `servers:\n  - { name: web-1, provider: local, labels: { role: web } }\n  - { name: db, provider: local }\n${extra}`,
    );
  const writeEntry = (text: string) =>
    writeFileSync(
      join(ws, 'infra/main/taskservs.yaml'),
      `taskservs:\n  - { name: motd, selector: { role: web }, params: { dir: "${join(ws, 'out')}", text: "${text}" } }\n`,
    );

  beforeEach(() => {
    ws = mkdtempSync(join(tmpdir(), 'cli-taskserv-'));
    target = join(ws, 'out', 'motd');
    mkdirSync(join(ws, 'infra/main'), { recursive: true });
    mkdirSync(join(ws, 'out'));
    writeFileSync(join(ws, 'provisioning.yaml'), 'name: t\ndefault_infra: main\n');
    writeServers();
    writeEntry('hello');
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));

  describe('list', () => {
    it('describes the available taskservs with their source and a params summary, outside a workspace too', async () => {
      const outside = await runCliForTest(['taskserv', 'list', '--output', 'json'], {
        cwd: tmpdir(),
        taskservs,
        env: { HOME: ws },
      });
      expect(outside.code).toBe(0);
      expect(JSON.parse(outside.stdout)).toEqual({
        available: [
          {
            name: 'keep',
            version: '0.1.0',
            source: 'builtin',
            params: [{ name: 'path', type: 'string', required: true }],
          },
          {
            name: 'motd',
            version: '1.2.0',
            source: 'builtin',
            description: 'a message of the day',
            params: [
              { name: 'dir', type: 'string', required: true },
              { name: 'text', type: 'string', required: false, default: 'hello' },
              { name: 'mode', type: '"0644"|"0600"', required: false },
            ],
          },
        ],
      });
    });

    it('shows per targeted host what the state store recorded, and when the params changed since', async () => {
      const before = JSON.parse((await cli(['taskserv', 'list', '--output', 'json'])).stdout);
      expect(before.infra).toEqual({
        name: 'main',
        entries: [
          { name: 'motd', taskserv: 'motd', version: '1.2.0', hosts: [{ host: 'web-1', targeted: true }] },
        ],
      });

      const installed = JSON.parse(
        (await cli(['taskserv', 'install', 'motd', '--yes', '--output', 'json'])).stdout,
      );
      const after = JSON.parse((await cli(['taskserv', 'list', '--output', 'json'])).stdout);
      expect(after.infra.entries[0].hosts).toEqual([
        {
          host: 'web-1',
          targeted: true,
          installed: {
            version: '1.2.0',
            paramsHash: expect.stringMatching(/^[0-9a-f]{16,}$/),
            paramsCurrent: true,
            runId: installed.runId,
            installedAt: expect.any(String),
          },
        },
      ]);

      writeEntry('changed');
      const text = await cli(['taskserv', 'list', '--no-color']);
      expect(text.stdout).toMatch(/^motd\s+1\.2\.0\s+builtin\s+a message of the day\s+dir, text\?, mode\?$/m);
      expect(text.stdout).toMatch(
        new RegExp(
          `^motd\\s+web-1\\s+installed 1\\.2\\.0\\s+[0-9a-f]{8} \\(changed since\\)\\s+${installed.runId}`,
          'm',
        ),
      );
    });

    it("shows an entry that runs another entry's taskserv (taskserv: motd) as available, with the taskserv it runs", async () => {
      writeFileSync(
        join(ws, 'infra/main/taskservs.yaml'),
        `taskservs:\n  - { name: motd-web, taskserv: motd, servers: [web-1], params: { dir: "${join(ws, 'out')}" } }\n  - { name: gone, servers: [db] }\n`,
      );
      const listed = JSON.parse((await cli(['taskserv', 'list', '--output', 'json'])).stdout);
      expect(
        listed.infra.entries.map((entry: { name: string; taskserv: string; version?: string }) => [
          entry.name,
          entry.taskserv,
          entry.version,
        ]),
      ).toEqual([
        ['motd-web', 'motd', '1.2.0'],
        ['gone', 'gone', undefined],
      ]);
      const text = await cli(['taskserv', 'list', '--no-color']);
      expect(text.stdout).toMatch(/^motd-web \(motd\)\s+web-1\s+not installed/m);
      expect(text.stdout).toMatch(/^gone \(not available\)\s+db/m);
    });
  });

  describe('install', () => {
    it('applies only that entry, recording a run named after it', async () => {
      const installed = await cli(['taskserv', 'install', 'motd', '--yes', '--no-color']);
      expect(installed.code).toBe(0);
      expect(readFileSync(target, 'utf8')).toBe('hello\n');
      expect(installed.stdout).toContain('Apply complete: 1 changed on 1 host');
      const runs = JSON.parse((await cli(['state', 'list', '--output', 'json'])).stdout).runs;
      expect(runs[0]).toMatchObject({ command: 'taskserv install motd', status: 'succeeded' });
    });

    it('refuses to run unattended without --yes, and with --check only plans', async () => {
      const refused = await cli(['taskserv', 'install', 'motd']);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(
        'error: this would change hosts (taskserv motd, infra main) and nobody is there to confirm',
      );
      expect(refused.stderr).toContain('hint: pass --yes to apply, or --check to only see the plan');
      const checked = await cli(['taskserv', 'install', 'motd', '--check', '--output', 'json']);
      expect(checked.code).toBe(2);
      expect(JSON.parse(checked.stdout).changes).toBe(1);
      expect(existsSync(target)).toBe(false);
    });

    it('refuses a --servers selection the entry does not run on, naming where it does', async () => {
      const elsewhere = await cli(['taskserv', 'install', 'motd', '--servers', 'db', '--yes']);
      expect(elsewhere.code).toBe(1);
      expect(elsewhere.stderr).toBe(
        'error: taskserv entry motd targets none of the servers --servers db selects\nhint: it runs on: web-1\n',
      );
      const status = await cli(['taskserv', 'status', 'motd', '--servers', 'db']);
      expect(status.code).toBe(1);
    });

    it('names an entry the infra does not have, and the ones it has', async () => {
      const unknown = await cli(['taskserv', 'install', 'redis', '--yes']);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toBe('error: infra "main" has no taskserv "redis"\nhint: known: motd\n');
    });
  });

  describe('remove', () => {
    it("runs the taskserv's removal, forgets it in the state store, and says the entry is still in the infra", async () => {
      await cli(['taskserv', 'install', 'motd', '--yes']);
      const refused = await cli(['taskserv', 'remove', 'motd']);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(
        'error: this would remove it from hosts (taskserv motd, infra main) and nobody is there to confirm',
      );
      expect(existsSync(target)).toBe(true);

      const removed = await cli(['taskserv', 'remove', 'motd', '--yes']);
      expect(removed.code).toBe(0);
      expect(existsSync(target)).toBe(false);
      expect(removed.stderr).toMatch(
        /motd is still listed in \S*taskservs\.yaml: the next apply installs it again/,
      );
      const listed = JSON.parse((await cli(['taskserv', 'list', '--output', 'json'])).stdout);
      expect(listed.infra.entries[0].hosts).toEqual([{ host: 'web-1', targeted: true }]);
    });
  });

  it('remove forgets an install whose removal changes nothing on the host, without asking', async () => {
    writeFileSync(
      join(ws, 'infra/main/taskservs.yaml'),
      `taskservs:\n  - { name: keep, servers: [web-1], params: { path: "${join(ws, 'out', 'kept')}" } }\n`,
    );
    expect((await cli(['taskserv', 'install', 'keep', '--yes'])).code).toBe(0);
    const removed = await cli(['taskserv', 'remove', 'keep', '--output', 'json']);
    expect(removed.code).toBe(0);
    expect(JSON.parse(removed.stdout)).toMatchObject({ action: 'remove', status: 'succeeded' });
    expect(readFileSync(join(ws, 'out', 'kept'), 'utf8')).toBe('kept\n');
    const listed = JSON.parse((await cli(['taskserv', 'list', '--output', 'json'])).stdout);
    expect(listed.infra.entries[0].hosts).toEqual([{ host: 'web-1', targeted: true }]);
  });

  describe('status', () => {
    it('goes from not installed (exit 2) to converged (exit 0) to changes pending (exit 2)', async () => {
      const fresh = await cli(['taskserv', 'status', 'motd', '--no-color']);
      expect(fresh.code).toBe(2);
      expect(fresh.stdout).toContain('web-1  not installed (1 change to install)');

      await cli(['taskserv', 'install', 'motd', '--yes']);
      const converged = await cli(['taskserv', 'status', 'motd', '--no-color']);
      expect(converged.code).toBe(0);
      expect(converged.stdout).toMatch(/^web-1 {2}converged \(1\.2\.0, run \S+, .+\)$/m);
      expect(converged.stdout).toContain('motd: converged on 1 host.');

      writeEntry('drifted');
      const pending = await cli(['taskserv', 'status', 'motd', '--output', 'json']);
      expect(pending.code).toBe(2);
      expect(JSON.parse(pending.stdout).hosts).toEqual([
        {
          host: 'web-1',
          status: 'pending',
          changes: 1,
          installed: { version: '1.2.0', runId: expect.any(String), installedAt: expect.any(String) },
        },
      ]);
    });

    it('reports a host that cannot be planned as an error and exits 1', async () => {
      writeServers('  - { name: web-2, address: 127.0.0.1, port: 1, labels: { role: web } }\n');
      const status = await cli(['taskserv', 'status', 'motd', '--output', 'json']);
      expect(status.code).toBe(1);
      const hosts = JSON.parse(status.stdout).hosts;
      expect(hosts.map((host: { host: string; status: string }) => [host.host, host.status])).toEqual([
        ['web-1', 'not-installed'],
        ['web-2', 'error'],
      ]);
      expect(hosts[1].error).toEqual(expect.any(String));
    });
  });
});
