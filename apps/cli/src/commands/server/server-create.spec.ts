import { defineProvider, type ProviderDefinition, type ProviderServer } from '@provisioning/sdk';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server as NetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { runCliForTest } from '../../testing/run-cli-for-test';

jest.setTimeout(30_000);

/** A provider over a map whose servers are local listeners answering with an SSH banner. */
function memoryProvider(listeners: NetServer[]): {
  provider: ProviderDefinition;
  servers: Map<string, ProviderServer>;
} {
  const servers = new Map<string, ProviderServer>();
  const provider = defineProvider({
    name: 'memory',
    version: '1.2.3',
    description: 'servers in a map, for tests',
    options: z.object({ size: z.enum(['s', 'm']).default('s') }),
    placement: (options) => ({ zone: 'mem-1', plan: options.size, image: 'debian-12' }),
    async create(_ctx, request) {
      const existing = [...servers.values()].find((server) => server.labels['token'] === request.clientToken);
      if (existing) return existing;
      const banner = createServer((socket) => socket.end('SSH-2.0-OpenSSH_9.2\r\n'));
      listeners.push(banner);
      await new Promise<void>((resolve) => banner.listen(0, '127.0.0.1', resolve));
      const id = `m-${request.name}`;
      const server: ProviderServer = {
        id,
        name: request.name,
        status: 'running',
        address: '127.0.0.1',
        port: (banner.address() as { port: number }).port,
        user: 'root',
        labels: { ...request.labels, token: request.clientToken },
        hostKeys: [`ssh-ed25519 AAAA${id}`],
      };
      servers.set(id, server);
      return server;
    },
    get: async (_ctx, id) => servers.get(id),
    list: async () => [...servers.values()],
    delete: async (_ctx, id) => void servers.delete(id),
    start: async () => undefined,
    stop: async () => undefined,
    reboot: async () => undefined,
    plans: async () => [],
    images: async () => [],
    zones: async () => [],
  });
  return { provider, servers };
}

describe('provisioning server create / delete / list, provider list, state refresh', () => {
  let ws: string;
  let listeners: NetServer[];
  let cloud: ReturnType<typeof memoryProvider>;
  const cli = (args: string[]) =>
    runCliForTest(args, { cwd: ws, providers: new Map([['memory', cloud.provider]]), env: { HOME: ws } });

  beforeEach(() => {
    ws = mkdtempSync(join(tmpdir(), 'cli-server-create-'));
    listeners = [];
    cloud = memoryProvider(listeners);
    mkdirSync(join(ws, 'infra/main'), { recursive: true });
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(ws, 'id')]);
    writeFileSync(
      join(ws, 'provisioning.yaml'),
      'name: t\ndefault_infra: main\nsettings:\n  ssh:\n    key: id\n',
    );
    writeFileSync(
      join(ws, 'infra/main/servers.yaml'),
      [
        'servers:',
        '  - { name: web-1, provider: memory }',
        '  - { name: web-2, provider: memory, provider_options: { size: m } }',
        '  - { name: db-1, address: 10.0.0.9 }',
        '',
      ].join('\n'),
    );
  });
  afterEach(() => {
    for (const listener of listeners) listener.close();
    rmSync(ws, { recursive: true, force: true });
  });

  it('shows what, where and at which size, and refuses to create unattended without --yes', async () => {
    const refused = await cli(['server', 'create', '--no-color']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('error: this would create servers and nobody is there to confirm');
    expect(refused.stderr).toContain('hint: pass --yes to create them, or --check to only see the plan');
    expect(cloud.servers.size).toBe(0);

    const planned = await cli(['server', 'create', '--check', '--no-color']);
    expect(planned.code).toBe(2);
    expect(planned.stdout.split('\n').slice(0, 3)).toEqual([
      'server  provider  action  zone   size  image',
      'web-1   memory    create  mem-1  s     debian-12',
      'web-2   memory    create  mem-1  m     debian-12',
    ]);
    expect(planned.stdout).toContain('Plan: 2 servers to create in infra main.');
  });

  it('creates with --yes, then lists them with their provider state, and a second create changes nothing', async () => {
    const created = await cli(['server', 'create', '--yes', '--output', 'json']);
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({
      created: 2,
      failed: 0,
      servers: [
        { name: 'web-1', status: 'created' },
        { name: 'web-2', status: 'created' },
      ],
    });
    expect(readFileSync(join(ws, '.provisioning/known_hosts'), 'utf8')).toContain('ssh-ed25519 AAAAm-web-1');

    const listed = JSON.parse((await cli(['server', 'list', '--output', 'json'])).stdout);
    expect(listed.servers[0]).toMatchObject({
      name: 'web-1',
      provider: 'memory',
      address: '127.0.0.1',
      user: 'root',
      state: { recorded: 'created', providerStatus: 'running', providerId: 'm-web-1' },
    });
    expect(listed.servers[2]).toEqual({
      name: 'db-1',
      provider: 'static',
      address: '10.0.0.9',
      port: 22,
      user: 'root',
      labels: {},
      taskservs: [],
    });

    const again = await cli(['server', 'create', '--yes', '--no-color']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Nothing to create: every server exists.');
  });

  it('delete refuses servers it did not create, deletes the ones it did, and list --drift shows what went missing', async () => {
    await cli(['server', 'create', '--yes']);
    const refused = await cli(['server', 'delete', 'db-1', '--yes']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('error: "db-1" was not created by provisioning in infra "main"');
    expect(refused.stderr).toContain('hint: servers provisioning created here: web-1, web-2');

    const deleted = await cli(['server', 'delete', 'web-1', '--yes', '--output', 'json']);
    expect(JSON.parse(deleted.stdout)).toMatchObject({ deleted: 1, failed: 0 });
    expect([...cloud.servers.keys()]).toEqual(['m-web-2']);

    cloud.servers.delete('m-web-2'); // behind the tool's back
    const drift = await cli(['server', 'list', '--drift', '--no-color']);
    expect(drift.stdout).toMatch(/web-1\s+-\s+-\s+-\s+memory\s+not created/);
    expect(drift.stdout).toMatch(/web-2\s+127\.0\.0\.1\s+\d+\s+root\s+memory\s+missing at provider/);

    const refreshed = await cli(['state', 'refresh', '--output', 'json']);
    expect(JSON.parse(refreshed.stdout)).toEqual({
      infra: 'main',
      updated: [],
      removed: ['web-2'],
      unchanged: [],
    });
  });

  it('provider list shows the providers with their default placement and options, without a workspace', async () => {
    const listed = await runCliForTest(['provider', 'list', '--output', 'json'], {
      cwd: tmpdir(),
      providers: new Map([['memory', cloud.provider]]),
    });
    expect(JSON.parse(listed.stdout)).toEqual({
      providers: [
        {
          name: 'memory',
          version: '1.2.3',
          description: 'servers in a map, for tests',
          defaults: { zone: 'mem-1', plan: 's', image: 'debian-12' },
          options: ['size'],
        },
      ],
    });
  });

  it('provider list names the built-in providers with their default placement', async () => {
    const listed = await runCliForTest(['provider', 'list', '--no-color'], { cwd: tmpdir() });
    expect(listed.stdout).toMatch(
      /^nspawn\s+0\.1\.0\s+local:pnsp-br0 \(10\.161\.0\.0\/24\)\s+container\s+debian-bookworm/m,
    );
    expect(listed.stdout).toMatch(/^hetzner\s+0\.1\.0\s+fsn1\s+cx22\s+debian-12/m);
    expect(listed.stdout).toMatch(/^digitalocean\s+0\.1\.0\s+fra1\s+s-1vcpu-1gb\s+debian-12-x64/m);
  });
});
