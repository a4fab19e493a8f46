import { managedLabels, parseProviderOptions, type ProviderContext } from '@provisioning/sdk';
import { FakeMachines, userDataHostKey } from '@provisioning/sdk/testing';
import { HetznerEmulator } from '../testing';
import { hetzner } from './hetzner-provider';
import type { HetznerOptions } from './options';

// Each test starts servers or processes: generous on a loaded machine (5 s timed out at load 70).
jest.setTimeout(60_000);

const TOKEN = 'hcloud-emulator-token-0123456789';
const PUBLIC_KEY =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGx0ZXN0a2V5Zm9ydGhlaGV0em5lcmVtdWxhdG9yMDE user@test';

describe('hetzner provider against the Hetzner Cloud API emulator', () => {
  let emulator: HetznerEmulator;
  let machines: FakeMachines;
  let ctx: ProviderContext<HetznerOptions>;
  let logs: string[];
  const request = (name: string, token = `dev/${name}/0a0b0c`) => ({
    name,
    infra: 'dev',
    options: ctx.options,
    sshPublicKeys: [PUBLIC_KEY],
    labels: managedLabels('dev', name, { role: 'web' }),
    clientToken: token,
  });
  const posts = (path: string) =>
    emulator.http.log.filter((entry) => entry.method === 'POST' && entry.path === path);

  beforeEach(async () => {
    machines = new FakeMachines();
    emulator = new HetznerEmulator({ token: TOKEN, machines, serverLimit: 60 });
    const endpoint = await emulator.start();
    logs = [];
    ctx = {
      options: parseProviderOptions(
        hetzner,
        { token: TOKEN, endpoint, poll_interval: 0.05, action_timeout: 5 },
        'web-1',
      ),
      secrets: { HCLOUD_TOKEN: TOKEN },
      log: (message) => logs.push(message),
    };
  });
  afterEach(() => emulator.close());

  it('creates a server with the SSH key registered once, the labels, and the host key it reports in the user data', async () => {
    const server = await hetzner.create(ctx, request('web-1'));
    expect(server).toMatchObject({
      name: 'web-1',
      status: 'running',
      address: '192.0.2.10',
      user: 'root',
      plan: 'cx22',
      image: 'debian-12',
      zone: 'fsn1',
    });
    expect(server.labels).toMatchObject({
      'provisioning.managed-by': 'provisioning',
      'provisioning.infra': 'dev',
      'provisioning.server': 'web-1',
      role: 'web',
    });
    expect(server.labels['provisioning.client-token']).toMatch(/^[0-9a-f]{40}$/);
    const booted = machines.booted.get(server.id);
    expect(booted?.authorizedKeys).toEqual([PUBLIC_KEY]);
    expect(server.hostKeys).toEqual([userDataHostKey(booted?.userData)?.publicKey]);
    await hetzner.create(ctx, request('web-2'));
    expect(posts('/v1/ssh_keys')).toHaveLength(1);
  });

  it('returns the server already made for the same client token instead of a second one', async () => {
    const first = await hetzner.create(ctx, request('web-1'));
    const again = await hetzner.create(ctx, request('web-1'));
    expect(again.id).toBe(first.id);
    expect(again.hostKeys).toEqual(first.hostKeys);
    expect(posts('/v1/servers')).toHaveLength(1);
  });

  it('finishes a create whose action never finished: the first call reports it, the second finds the server by its label', async () => {
    ctx.options = { ...ctx.options, action_timeout: 1 };
    emulator.holdCreates = true;
    await expect(hetzner.create(ctx, request('web-1'))).rejects.toThrow(
      /create web-1 \(server \d+\): action \d+ \(create_server\) still running after 1 s \(action_timeout\); run the same command again/,
    );
    expect(machines.booted.size).toBe(0);
    emulator.release();
    const server = await hetzner.create(ctx, request('web-1'));
    expect(server.status).toBe('running');
    expect(posts('/v1/servers')).toHaveLength(1);
    expect(logs.join('\n')).toContain('exists from an earlier create with this token; finishing it');
  });

  it('reports quota exceeded with the API code and what to do', async () => {
    await emulator.close();
    emulator = new HetznerEmulator({ token: TOKEN, machines, serverLimit: 1 });
    ctx.options = { ...ctx.options, endpoint: await emulator.start() };
    await hetzner.create(ctx, request('web-1'));
    const error = (await hetzner.create(ctx, request('web-2')).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(
      /^hetzner: create of web-2 failed: POST \/v1\/servers failed: 403 Forbidden \(resource_limit_exceeded: server limit exceeded\) after 1 try; the project reached a limit/,
    );
  });

  it('rides out 5xx answers and a 429 with Retry-After, then succeeds', async () => {
    emulator.fail(503, 'unavailable', { method: 'GET', path: /^\/v1\/actions\//, times: 2 });
    emulator.fail(429, 'rate_limit_exceeded', {
      method: 'POST',
      path: /^\/v1\/servers$/,
      headers: { 'retry-after': '1' },
    });
    const server = await hetzner.create(ctx, request('web-1'));
    expect(server.status).toBe('running');
    const statuses = emulator.http.log.map((entry) => entry.status);
    expect(statuses.filter((status) => status === 503)).toHaveLength(2);
    expect(statuses).toContain(429);
    expect(logs.some((line) => line.includes('again in 1 s'))).toBe(true);
  });

  it('after a 500 to the create request, looks for the server by its label before sending it again', async () => {
    emulator.fail(500, 'server_error', { method: 'POST', path: /^\/v1\/servers$/ });
    const server = await hetzner.create(ctx, request('web-1'));
    expect(server.status).toBe('running');
    expect(posts('/v1/servers').map((entry) => entry.status)).toEqual([500, 201]);
    expect(emulator.servers.size).toBe(1);
  });

  it('lists every managed server over several pages, and not the others', async () => {
    const names = Array.from({ length: 52 }, (_, i) => `node-${i}`);
    for (let i = 0; i < names.length; i += 13)
      await Promise.all(names.slice(i, i + 13).map((name) => hetzner.create(ctx, request(name))));
    const listed = await hetzner.list(ctx);
    expect(listed.map((server) => server.name).sort()).toEqual([...names].sort());
    expect(
      emulator.http.log.some(
        (entry) => entry.path.startsWith('/v1/servers?') && entry.path.includes('page=2'),
      ),
    ).toBe(true);
  }, 60_000);

  it('sees a server deleted behind its back as gone, and deleting it again is not an error', async () => {
    const server = await hetzner.create(ctx, request('web-1'));
    await emulator.deleteBehindBack(Number(server.id));
    expect(await hetzner.get(ctx, server.id)).toBeUndefined();
    await expect(hetzner.delete(ctx, server.id)).resolves.toBeUndefined();
  });

  it('deletes, stops, starts and reboots through actions polled to completion', async () => {
    const server = await hetzner.create(ctx, request('web-1'));
    await hetzner.stop(ctx, server.id);
    expect((await hetzner.get(ctx, server.id))?.status).toBe('stopped');
    await hetzner.start(ctx, server.id);
    await hetzner.reboot(ctx, server.id);
    expect((await hetzner.get(ctx, server.id))?.status).toBe('running');
    await hetzner.delete(ctx, server.id);
    expect(await hetzner.get(ctx, server.id)).toBeUndefined();
    expect(machines.booted.size).toBe(0);
  });

  it('lists server types, system images and locations', async () => {
    expect((await hetzner.plans(ctx)).find((plan) => plan.name === 'cx22')).toEqual({
      name: 'cx22',
      description: 'CX22',
      cpus: 2,
      memoryMb: 4096,
      diskGb: 40,
    });
    expect((await hetzner.images(ctx)).map((image) => image.name)).toContain('debian-12');
    expect((await hetzner.zones(ctx)).map((zone) => zone.name)).toEqual(['fsn1', 'nbg1', 'hel1']);
  });

  it('says how to give a missing token, and never shows a refused one', async () => {
    const withoutToken = { ...ctx, options: { ...ctx.options, token: undefined } };
    await expect(hetzner.list(withoutToken)).rejects.toThrow("add token: '{{secret.HCLOUD_TOKEN}}'");
    const wrong = { ...ctx, options: { ...ctx.options, token: 'wrong-token-value' } };
    const error = (await hetzner.list(wrong).catch((e: unknown) => e)) as Error;
    expect(error.message).toContain('401');
    expect(error.message).toContain('the API token was refused');
    expect(error.message).not.toContain('wrong-token-value');
  });

  it('refuses labels Hetzner would refuse before creating anything', async () => {
    const bad = { ...request('web-1'), labels: { ...request('web-1').labels, note: 'has spaces' } };
    await expect(hetzner.create(ctx, bad)).rejects.toThrow('note=has spaces');
    expect(posts('/v1/servers')).toHaveLength(0);
  });
});
