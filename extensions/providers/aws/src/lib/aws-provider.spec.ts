import { managedLabels, parseProviderOptions, type ProviderContext } from '@provisioning/sdk';
import { AddressOnlyInstances, Ec2Emulator } from '../testing';
import { aws, runToken } from './aws-provider';
import type { AwsOptions } from './options';

const KEY_ID = 'AKIAEMULATOR0000TEST';
const SECRET = 'emulator/secret+key/0123456789abcdefABCDEF';
const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGtestkeyforthespec user@laptop';

// Real HTTP round trips and polling (and, for aws, loading the SDK) take seconds on a loaded machine.
jest.setTimeout(30_000);

describe('aws provider against the EC2 API emulator', () => {
  let machines: AddressOnlyInstances;
  let emulator: Ec2Emulator;
  let logs: string[];

  const start = async (extra: { vcpuLimit?: number; pageSize?: number } = {}) => {
    emulator = await new Ec2Emulator({
      backend: machines,
      accessKeyId: KEY_ID,
      secretAccessKey: SECRET,
      ...extra,
    }).start();
  };
  const context = (overrides: Record<string, unknown> = {}): ProviderContext<AwsOptions> => ({
    options: parseProviderOptions(
      aws,
      {
        endpoint: emulator.endpoint,
        region: 'eu-central-1',
        access_key_id: KEY_ID,
        secret_access_key: SECRET,
        poll_interval: 0.05,
        ...overrides,
      },
      'web-1',
    ) as AwsOptions,
    secrets: { AWS_SECRET_ACCESS_KEY: SECRET },
    log: (message) => logs.push(message),
  });
  const request = (ctx: ProviderContext<AwsOptions>, name: string, token: string) => ({
    name,
    infra: 'prod',
    options: ctx.options,
    sshPublicKeys: [SSH_KEY],
    labels: managedLabels('prod', name, { team: 'web' }),
    clientToken: token,
  });
  const runs = () => emulator.requests.filter((line) => line.startsWith('RunInstances'));

  beforeEach(async () => {
    logs = [];
    machines = new AddressOnlyInstances(100);
    await start();
  });

  afterEach(async () => {
    await emulator.close();
  });

  it('launches the newest matching image with a client token and tags, waits from pending to running, and reads the host keys from the console', async () => {
    machines.bootMs = 1500; // long enough to be seen booting, however loaded the machine is
    const ctx = context();
    const server = await aws.create(ctx, request(ctx, 'web-1', 'prod/web-1/a'));
    expect(server).toMatchObject({
      name: 'web-1',
      status: 'running',
      address: '198.51.100.10',
      user: 'admin',
      plan: 't3.micro',
      image: 'ami-0a1b2c3d4e5f60002',
      zone: 'eu-central-1a',
    });
    expect(server.labels).toMatchObject({
      Name: 'web-1',
      team: 'web',
      'provisioning.managed-by': 'provisioning',
      'provisioning.infra': 'prod',
    });
    expect(server.hostKeys).toEqual([expect.stringMatching(/^ssh-ed25519 AAAAC3NzaC1lZDI1NTE5/)]);
    const [instance] = emulator.live();
    expect(instance.clientToken).toBe(runToken('prod/web-1/a'));
    expect(machines.booted.get(server.id)?.sshPublicKeys).toEqual([SSH_KEY]);
    expect(logs).toContain('web-1: pending, waiting for running');
  });

  it('returns the instance already launched for the same client token instead of launching a second one', async () => {
    const ctx = context();
    const first = await aws.create(ctx, request(ctx, 'web-1', 'prod/web-1/a'));
    const again = await aws.create(ctx, request(ctx, 'web-1', 'prod/web-1/a'));
    expect(again.id).toBe(first.id);
    expect(runs()).toHaveLength(1);
    expect(emulator.live()).toHaveLength(1);
  });

  it('retries RequestLimitExceeded throttling and 5xx with backoff, and a RunInstances whose answer was lost returns the same instance by its ClientToken', async () => {
    emulator.inject({ action: 'DescribeInstances', status: 503, code: 'RequestLimitExceeded', times: 2 });
    emulator.inject({ action: 'DescribeImages', status: 500, code: 'InternalError' });
    emulator.inject({ action: 'RunInstances', status: 503, code: 'Unavailable', afterApplying: true });
    const ctx = context();
    const server = await aws.create(ctx, request(ctx, 'web-1', 'prod/web-1/a'));
    expect(server.status).toBe('running');
    expect(emulator.requests).toEqual(
      expect.arrayContaining([
        'DescribeInstances -> 503',
        'DescribeImages -> 500',
        'DescribeImages -> 200',
        'RunInstances -> 503',
        'RunInstances -> 200',
      ]),
    );
    expect(emulator.live().map((instance) => instance.id)).toEqual([server.id]);
  });

  it("refuses a launch past the account's vCPU quota with EC2's error code and what to do", async () => {
    await emulator.close();
    await start({ vcpuLimit: 2 });
    const ctx = context();
    await aws.create(ctx, request(ctx, 'web-1', 'prod/web-1/a'));
    await expect(aws.create(ctx, request(ctx, 'web-2', 'prod/web-2/a'))).rejects.toThrow(
      /EC2 refused to launch web-2: VcpuLimitExceeded \(HTTP 400\): You have requested more vCPU capacity .* adjustment to this limit; the account's vCPU quota .*Service Quotas/,
    );
    expect(emulator.live()).toHaveLength(1);
  });

  it('reports a launch that outlives create_timeout, and a second create with the same token finishes that instance', async () => {
    machines.bootMs = 2500;
    const ctx = context({ create_timeout: 1 });
    await expect(aws.create(ctx, request(ctx, 'web-1', 'prod/web-1/a'))).rejects.toThrow(
      /web-1 \(i-[0-9a-f]+\) is still pending after 1 s; run 'provisioning server create' again to finish it/,
    );
    const resumed = await aws.create(context({ create_timeout: 10 }), request(ctx, 'web-1', 'prod/web-1/a'));
    expect(resumed.status).toBe('running');
    expect(runs()).toHaveLength(1);
    expect(logs).toContain(`web-1: ${resumed.id} was launched by an earlier create; finishing it`);
  });

  it('lists the managed instances across NextToken pages and forgets one terminated behind its back', async () => {
    await emulator.close();
    await start({ pageSize: 1 });
    const ctx = context();
    const made = [];
    for (const name of ['web-1', 'web-2', 'web-3'])
      made.push(await aws.create(ctx, request(ctx, name, `prod/${name}/a`)));
    expect((await aws.list(ctx)).map((server) => server.name).sort()).toEqual(['web-1', 'web-2', 'web-3']);
    expect(emulator.requests.filter((line) => line === 'DescribeInstances -> 200').length).toBeGreaterThan(3);
    await emulator.terminateBehindBack(made[1].id);
    expect(await aws.get(ctx, made[1].id)).toBeUndefined();
    expect((await aws.list(ctx)).map((server) => server.name).sort()).toEqual(['web-1', 'web-3']);
  });

  it('stops, starts and reboots an instance, and terminate is final and repeatable', async () => {
    const ctx = context();
    const { id } = await aws.create(ctx, request(ctx, 'web-1', 'prod/web-1/a'));
    await aws.stop(ctx, id);
    expect((await aws.get(ctx, id))?.status).toBe('stopped');
    await aws.start(ctx, id);
    expect((await aws.get(ctx, id))?.status).toBe('running');
    await aws.reboot(ctx, id);
    expect((await aws.get(ctx, id))?.status).toBe('running');
    await aws.delete(ctx, id);
    expect(await aws.get(ctx, id)).toBeUndefined();
    expect(emulator.live()).toEqual([]);
    await expect(aws.delete(ctx, id)).resolves.toBeUndefined();
    await expect(aws.get(ctx, 'i-0000000000000dead')).resolves.toBeUndefined();
  });

  it('reads instance types, images and zones from the API', async () => {
    const ctx = context();
    expect(await aws.plans(ctx)).toContainEqual({ name: 't3.medium', cpus: 2, memoryMb: 4096 });
    expect((await aws.images(ctx)).map((image) => image.description)).toEqual([
      'debian-12-amd64-20260901-2231',
      'debian-12-amd64-20261101-2301',
    ]);
    expect((await aws.zones(ctx)).map((zone) => zone.name)).toEqual([
      'eu-central-1a',
      'eu-central-1b',
      'eu-central-1c',
    ]);
  });

  it('signs with the secret key (a wrong one is refused by the signature check) and never prints it', async () => {
    const wrong = 'wrong/secret/key/ffffffffffffffffffffff';
    const ctx = { ...context({ secret_access_key: wrong }), secrets: { AWS_SECRET_ACCESS_KEY: wrong } };
    const error = await aws.list(ctx).catch((e: Error) => e);
    expect(String(error)).toMatch(/SignatureDoesNotMatch/);
    expect(String(error)).not.toContain(wrong);
    const literal = { ...context(), secrets: {} };
    await expect(aws.list(literal)).rejects.toThrow(
      /secret_access_key .* must be written as a secret reference/,
    );
  });

  it('refuses provider_options that cannot work, naming the field', () => {
    expect(() =>
      parseProviderOptions(aws, { access_key_id: KEY_ID, secret_access_key: 's', region: 'europe' }, 'web-1'),
    ).toThrow(/region must be an AWS region/);
    expect(() => parseProviderOptions(aws, { secret_access_key: 's' }, 'web-1')).toThrow(/access_key_id/);
  });
});
