import { managedLabels, parseProviderOptions, type ProviderContext } from '@provisioning/sdk';
import { FakeMachines, userDataHostKey } from '@provisioning/sdk/testing';
import { DigitaloceanEmulator } from '../testing';
import { digitalocean } from './digitalocean-provider';
import type { DigitaloceanOptions } from './options';

// Each test starts servers or processes: generous on a loaded machine (5 s timed out at load 70).
jest.setTimeout(60_000);

const TOKEN = 'dop_v1_emulator_token_0123456789abcdef';
const PUBLIC_KEY =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGx0ZXN0a2V5Zm9yZGlnaXRhbG9jZWFuZW11bGF0b3IwMQ user@test';

describe('digitalocean provider against the DigitalOcean API emulator', () => {
  let emulator: DigitaloceanEmulator;
  let machines: FakeMachines;
  let ctx: ProviderContext<DigitaloceanOptions>;
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
  const restart = async (dropletLimit: number) => {
    await emulator.close();
    emulator = new DigitaloceanEmulator({ token: TOKEN, machines, dropletLimit });
    ctx.options = { ...ctx.options, endpoint: await emulator.start() };
  };

  beforeEach(async () => {
    machines = new FakeMachines();
    emulator = new DigitaloceanEmulator({ token: TOKEN, machines, dropletLimit: 250 });
    const endpoint = await emulator.start();
    logs = [];
    ctx = {
      options: parseProviderOptions(
        digitalocean,
        { token: TOKEN, endpoint, poll_interval: 0.05, action_timeout: 5 },
        'web-1',
      ),
      secrets: { DIGITALOCEAN_TOKEN: TOKEN },
      log: (message) => logs.push(message),
    };
  });
  afterEach(() => emulator.close());

  it('creates a Droplet with the SSH key added once, the labels as tags, and the host key it reports in the user data', async () => {
    const server = await digitalocean.create(ctx, request('web-1'));
    expect(server).toMatchObject({
      name: 'web-1',
      status: 'running',
      address: '192.0.2.10',
      user: 'root',
      plan: 's-1vcpu-1gb',
      image: 'debian-12-x64',
      zone: 'fra1',
    });
    expect(server.labels).toMatchObject({
      'provisioning.managed-by': 'provisioning',
      'provisioning.infra': 'dev',
      'provisioning.server': 'web-1',
      role: 'web',
    });
    expect(emulator.droplets.get(Number(server.id))?.tags).toEqual(
      expect.arrayContaining([
        'provisioning-managed-by:provisioning',
        'provisioning-infra:dev',
        'provisioning-server:web-1',
        'role:web',
        expect.stringMatching(/^provisioning-client-token:[0-9a-f]{40}$/),
      ]),
    );
    const booted = machines.booted.get(server.id);
    expect(booted?.authorizedKeys).toEqual([PUBLIC_KEY]);
    expect(server.hostKeys).toEqual([userDataHostKey(booted?.userData)?.publicKey]);
    await digitalocean.create(ctx, request('web-2'));
    expect(posts('/v2/account/keys')).toHaveLength(1);
  });

  it('returns the Droplet already made for the same client token instead of a second one', async () => {
    const first = await digitalocean.create(ctx, request('web-1'));
    const again = await digitalocean.create(ctx, request('web-1'));
    expect(again).toEqual(first);
    expect(posts('/v2/droplets')).toHaveLength(1);
  });

  it('finishes a create whose action never finished: the first call reports it, the second finds the Droplet by its tag', async () => {
    ctx.options = { ...ctx.options, action_timeout: 1 };
    emulator.holdCreates = true;
    await expect(digitalocean.create(ctx, request('web-1'))).rejects.toThrow(
      /create web-1 \(Droplet \d+\): action \d+ \(create\) still in progress after 1 s \(action_timeout\); run the same command again/,
    );
    emulator.release();
    const server = await digitalocean.create(ctx, request('web-1'));
    expect(server.status).toBe('running');
    expect(posts('/v2/droplets')).toHaveLength(1);
    expect(logs.join('\n')).toContain('exists from an earlier create with this token; finishing it');
  });

  it('reports the Droplet limit (422) with the API message and what to do', async () => {
    await restart(1);
    await digitalocean.create(ctx, request('web-1'));
    const error = (await digitalocean.create(ctx, request('web-2')).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(
      /^digitalocean: create of web-2 failed: POST \/v2\/droplets failed: 422 Unprocessable Entity \(unprocessable_entity: creating this\/these droplet\(s\) will exceed your droplet limit\) after 1 try; the account reached its Droplet limit/,
    );
  });

  it('rides out 5xx answers and a 429 with RateLimit-Reset, then succeeds', async () => {
    emulator.fail(503, 'service_unavailable', { method: 'GET', path: /^\/v2\/actions\//, times: 2 });
    emulator.fail(429, 'too_many_requests', {
      method: 'POST',
      path: /^\/v2\/droplets$/,
      headers: { 'ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 1) },
    });
    const server = await digitalocean.create(ctx, request('web-1'));
    expect(server.status).toBe('running');
    const statuses = emulator.http.log.map((entry) => entry.status);
    expect(statuses.filter((status) => status === 503)).toHaveLength(2);
    expect(statuses).toContain(429);
  });

  it('after a 500 to the create request, looks for the Droplet by its tag before sending it again', async () => {
    emulator.fail(500, 'server_error', { method: 'POST', path: /^\/v2\/droplets$/ });
    await digitalocean.create(ctx, request('web-1'));
    expect(posts('/v2/droplets').map((entry) => entry.status)).toEqual([500, 202]);
    expect(emulator.droplets.size).toBe(1);
  });

  it('lists every managed Droplet over several pages (links.pages.next), and not the others', async () => {
    const names = Array.from({ length: 205 }, (_, i) => `node-${i}`);
    for (let i = 0; i < names.length; i += 41)
      await Promise.all(names.slice(i, i + 41).map((name) => digitalocean.create(ctx, request(name))));
    const listed = await digitalocean.list(ctx);
    expect(listed.map((server) => server.name).sort()).toEqual([...names].sort());
    expect(
      emulator.http.log.some(
        (entry) => entry.path.startsWith('/v2/droplets?') && entry.path.includes('page=2'),
      ),
    ).toBe(true);
  }, 120_000);

  it('sees a Droplet destroyed behind its back as gone, and deleting it again is not an error', async () => {
    const server = await digitalocean.create(ctx, request('web-1'));
    await emulator.deleteBehindBack(Number(server.id));
    expect(await digitalocean.get(ctx, server.id)).toBeUndefined();
    await expect(digitalocean.delete(ctx, server.id)).resolves.toBeUndefined();
  });

  it('deletes, powers off, on and reboots through actions polled to completion', async () => {
    const server = await digitalocean.create(ctx, request('web-1'));
    await digitalocean.stop(ctx, server.id);
    expect((await digitalocean.get(ctx, server.id))?.status).toBe('stopped');
    await digitalocean.start(ctx, server.id);
    await digitalocean.reboot(ctx, server.id);
    expect((await digitalocean.get(ctx, server.id))?.status).toBe('running');
    await digitalocean.delete(ctx, server.id);
    expect(await digitalocean.get(ctx, server.id)).toBeUndefined();
    expect(machines.booted.size).toBe(0);
  });

  it('lists sizes, distribution images and the available regions', async () => {
    expect((await digitalocean.plans(ctx))[0]).toEqual({
      name: 's-1vcpu-1gb',
      description: 'Basic',
      cpus: 1,
      memoryMb: 1024,
      diskGb: 25,
    });
    expect((await digitalocean.images(ctx)).map((image) => image.name)).toContain('debian-12-x64');
    expect((await digitalocean.zones(ctx)).map((zone) => zone.name)).toEqual(['fra1', 'ams3']);
  });

  it('says how to give a missing token, and never shows a refused one', async () => {
    await expect(
      digitalocean.list({ ...ctx, options: { ...ctx.options, token: undefined } }),
    ).rejects.toThrow("add token: '{{secret.DIGITALOCEAN_TOKEN}}'");
    const error = (await digitalocean
      .list({ ...ctx, options: { ...ctx.options, token: 'wrong-token-value' } })
      .catch((e: unknown) => e)) as Error;
    expect(error.message).toContain('401 Unauthorized (unauthorized: Unable to authenticate you)');
    expect(error.message).toContain('the token was refused');
    expect(error.message).not.toContain('wrong-token-value');
  });

  it('refuses labels no tag can carry before creating anything', async () => {
    const bad = { ...request('web-1'), labels: { ...request('web-1').labels, 'app.tier': 'front end' } };
    await expect(digitalocean.create(ctx, bad)).rejects.toThrow('app.tier=front end');
    expect(posts('/v2/droplets')).toHaveLength(0);
  });
});
