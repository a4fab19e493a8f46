import { managedLabels, parseProviderOptions, type ProviderContext } from '@provisioning/sdk';
import { parse } from 'yaml';
import { AddressOnlyMachines, UpcloudEmulator } from '../testing';
import type { UpcloudOptions } from './options';
import { upcloud } from './upcloud-provider';

const PASSWORD = 'emulator-password-5f1c';
const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGtestkeyforthespec user@laptop';

// Real HTTP round trips and polling (and, for aws, loading the SDK) take seconds on a loaded machine.
jest.setTimeout(30_000);

describe('upcloud provider against the UpCloud API emulator', () => {
  let machines: AddressOnlyMachines;
  let emulator: UpcloudEmulator;
  let logs: string[];

  const context = (overrides: Record<string, unknown> = {}): ProviderContext<UpcloudOptions> => ({
    options: parseProviderOptions(
      upcloud,
      { api_url: emulator.url, username: 'api-user', password: PASSWORD, poll_interval: 0.05, ...overrides },
      'web-1',
    ) as UpcloudOptions,
    secrets: { UPCLOUD_PASSWORD: PASSWORD },
    log: (message) => logs.push(message),
  });
  const request = (ctx: ProviderContext<UpcloudOptions>, name: string, token: string) => ({
    name,
    infra: 'prod',
    options: ctx.options,
    sshPublicKeys: [SSH_KEY],
    labels: managedLabels('prod', name, { team: 'web' }),
    clientToken: token,
  });
  const posts = () => emulator.requests.filter((line) => line.startsWith('POST /server ->'));

  beforeEach(async () => {
    logs = [];
    machines = new AddressOnlyMachines(100);
    emulator = await new UpcloudEmulator({
      backend: machines,
      username: 'api-user',
      password: PASSWORD,
    }).start();
  });

  afterEach(async () => {
    await emulator.close();
  });

  it('creates a server from the template, waits from maintenance to started, and reports its address and injected host key', async () => {
    machines.bootMs = 1500; // long enough to be seen booting, however loaded the machine is
    const ctx = context();
    const server = await upcloud.create(ctx, request(ctx, 'web-1', 'prod/web-1/a'));
    expect(server).toMatchObject({
      name: 'web-1',
      status: 'running',
      address: '192.0.2.10',
      port: 22,
      user: 'root',
      plan: '1xCPU-1GB',
      zone: 'fi-hel1',
    });
    expect(server.labels).toMatchObject({
      team: 'web',
      'provisioning.managed-by': 'provisioning',
      'provisioning.infra': 'prod',
      'provisioning.server': 'web-1',
    });
    expect(logs).toContain('web-1: maintenance, waiting for started');

    const booted = machines.booted.get(server.id);
    expect(booted?.sshPublicKeys).toEqual([SSH_KEY]);
    const cloudConfig = parse(booted?.userData ?? '') as {
      ssh_keys: { ed25519_public: string; ed25519_private: string };
    };
    expect(server.hostKeys).toEqual([cloudConfig.ssh_keys.ed25519_public]);
    expect(cloudConfig.ssh_keys.ed25519_private).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----\n/);
    // the private half stays out of what the API reports back
    expect(JSON.stringify(emulator.servers.get(server.id)?.server.labels)).not.toContain('PRIVATE');
  });

  it('returns the server already made for the same client token instead of creating a second one', async () => {
    const ctx = context();
    const first = await upcloud.create(ctx, request(ctx, 'web-1', 'prod/web-1/a'));
    const again = await upcloud.create(ctx, request(ctx, 'web-1', 'prod/web-1/a'));
    expect(again.id).toBe(first.id);
    expect(posts()).toHaveLength(1);
    expect(emulator.servers.size).toBe(1);
  });

  it('retries reads after 503s and a 429 with Retry-After, and a create whose 503 came before anything was made', async () => {
    emulator.inject({ method: 'GET', path: /^\/server$/, status: 503, times: 2 });
    emulator.inject({
      method: 'GET',
      path: /^\/storage\/template$/,
      status: 429,
      headers: { 'retry-after': '1' },
    });
    emulator.inject({ method: 'POST', path: /^\/server$/, status: 503 });
    const ctx = context();
    const started = Date.now();
    const server = await upcloud.create(ctx, request(ctx, 'web-1', 'prod/web-1/a'));
    expect(server.status).toBe('running');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000); // Retry-After: 1 was honoured
    expect(emulator.requests.filter((line) => line.endsWith('-> 503'))).toHaveLength(3);
    expect(emulator.requests).toContain('GET /storage/template -> 429');
    expect(posts()).toEqual(['POST /server -> 503', 'POST /server -> 202']);
    expect(emulator.servers.size).toBe(1);
  });

  it('finds the server by its token label when a create was carried out but its answer was a 500, and makes no second one', async () => {
    emulator.inject({ method: 'POST', path: /^\/server$/, status: 500, afterApplying: true });
    const ctx = context();
    const server = await upcloud.create(ctx, request(ctx, 'web-1', 'prod/web-1/a'));
    expect(posts()).toEqual(['POST /server -> 500']);
    expect([...emulator.servers.keys()]).toEqual([server.id]);
  });

  it("refuses a create past the account's core limit with UpCloud's error code and what to do", async () => {
    await emulator.close();
    emulator = await new UpcloudEmulator({
      backend: machines,
      username: 'api-user',
      password: PASSWORD,
      coresLimit: 1,
    }).start();
    const ctx = context();
    await upcloud.create(ctx, request(ctx, 'web-1', 'prod/web-1/a'));
    await expect(upcloud.create(ctx, request(ctx, 'web-2', 'prod/web-2/a'))).rejects.toThrow(
      /UpCloud refused to create web-2: .*409.*SERVER_RESOURCES_UNAVAILABLE.*resource limits .* delete servers/,
    );
    expect(emulator.servers.size).toBe(1);
  });

  it('reports a create that outlives create_timeout, and a second create with the same token finishes that server', async () => {
    machines.bootMs = 2500;
    const ctx = context({ create_timeout: 1 });
    await expect(upcloud.create(ctx, request(ctx, 'web-1', 'prod/web-1/a'))).rejects.toThrow(
      /web-1 \(.+\) is still maintenance after 1 s at UpCloud; run 'provisioning server create' again to finish it/,
    );
    const resumed = await upcloud.create(
      context({ create_timeout: 10 }),
      request(ctx, 'web-1', 'prod/web-1/a'),
    );
    expect(resumed.status).toBe('running');
    expect(posts()).toHaveLength(1);
    expect(logs).toContain(`web-1: ${resumed.id} was made by an earlier create; finishing it`);
  });

  it('lists only the servers with the managed-by label and forgets one deleted behind its back', async () => {
    const ctx = context();
    const server = await upcloud.create(ctx, request(ctx, 'web-1', 'prod/web-1/a'));
    expect((await upcloud.list(ctx)).map((s) => [s.id, s.name])).toEqual([[server.id, 'web-1']]);
    await emulator.deleteBehindBack(server.id);
    expect(await upcloud.get(ctx, server.id)).toBeUndefined();
    expect(await upcloud.list(ctx)).toEqual([]);
  });

  it('stops, starts and reboots a server, returning when UpCloud reports the state', async () => {
    const ctx = context();
    const { id } = await upcloud.create(ctx, request(ctx, 'web-1', 'prod/web-1/a'));
    await upcloud.stop(ctx, id);
    expect((await upcloud.get(ctx, id))?.status).toBe('stopped');
    await upcloud.start(ctx, id);
    expect((await upcloud.get(ctx, id))?.status).toBe('running');
    await upcloud.reboot(ctx, id);
    expect((await upcloud.get(ctx, id))?.status).toBe('running');
    expect(emulator.requests).toEqual(
      expect.arrayContaining([
        `POST /server/${id}/stop -> 202`,
        `POST /server/${id}/start -> 202`,
        `POST /server/${id}/restart -> 202`,
      ]),
    );
  });

  it('stops a started server before deleting it with its storages; deleting it again is not an error', async () => {
    const ctx = context();
    const { id } = await upcloud.create(ctx, request(ctx, 'web-1', 'prod/web-1/a'));
    await upcloud.delete(ctx, id);
    expect(emulator.servers.size).toBe(0);
    expect(
      emulator.requests.filter(
        (line) => line.startsWith(`POST /server/${id}/stop`) || line.startsWith(`DELETE /server/${id}`),
      ),
    ).toEqual([`POST /server/${id}/stop -> 202`, `DELETE /server/${id} -> 204`]);
    await expect(upcloud.delete(ctx, id)).resolves.toBeUndefined();
  });

  it('reads plans, zones and templates from the API', async () => {
    const ctx = context();
    expect(await upcloud.plans(ctx)).toContainEqual({
      name: '2xCPU-4GB',
      cpus: 2,
      memoryMb: 4096,
      diskGb: 80,
    });
    expect(await upcloud.zones(ctx)).toContainEqual({ name: 'de-fra1', description: 'Frankfurt #1' });
    expect((await upcloud.images(ctx)).map((image) => image.name)).toContain(
      'Debian GNU/Linux 12 (Bookworm)',
    );
  });

  it('names the templates there are when the one asked for does not exist', async () => {
    const ctx = context({ template: 'Plan 9' });
    await expect(upcloud.create(ctx, request(ctx, 'web-1', 'prod/web-1/a'))).rejects.toThrow(
      /no public template titled "Plan 9"; templates: Debian GNU\/Linux 12 \(Bookworm\), Ubuntu/,
    );
  });

  it('refuses a password written literally instead of as a secret, and never prints a wrong one', async () => {
    const literal = { ...context(), secrets: {} };
    await expect(upcloud.list(literal)).rejects.toThrow(
      /password .* must be written as a secret reference such as \{\{secret\.UPCLOUD_PASSWORD\}\}/,
    );
    const wrong = {
      ...context({ password: 'wrong-password-77' }),
      secrets: { UPCLOUD_PASSWORD: 'wrong-password-77' },
    };
    const error = await upcloud.list(wrong).catch((e: Error) => e);
    expect(String(error)).toMatch(/401/);
    expect(String(error)).toMatch(/AUTHENTICATION_FAILED/);
    expect(String(error)).not.toContain('wrong-password-77');
  });

  it('refuses provider_options without credentials or with both kinds', () => {
    expect(() => parseProviderOptions(upcloud, { zone: 'fi-hel1' }, 'web-1')).toThrow(
      /give either token, or username and password/,
    );
    expect(() =>
      parseProviderOptions(upcloud, { token: 't', username: 'u', password: 'p' }, 'web-1'),
    ).toThrow(/not both/);
    expect(() => parseProviderOptions(upcloud, { token: 't', zone: 'helsinki' }, 'web-1')).toThrow(
      /zone must be an UpCloud zone id/,
    );
  });
});
