import type { EC2Client, Instance } from '@aws-sdk/client-ec2';
import {
  defineProvider,
  MANAGED_BY_LABEL,
  type ProviderContext,
  type ProviderServer,
  type ProviderServerStatus,
  SERVER_LABEL,
} from '@provisioning/sdk';
import { createHash } from 'node:crypto';
import { consoleHostKeys } from './console-host-keys';
import { type AwsOptions, awsOptions } from './options';
import { userData } from './user-data';

type Ctx = ProviderContext<AwsOptions>;
type Sdk = typeof import('@aws-sdk/client-ec2');

const STATUS: Record<string, ProviderServerStatus> = {
  pending: 'creating',
  running: 'running',
  stopping: 'stopped',
  stopped: 'stopped',
  'shutting-down': 'deleting',
};
const LIVE_STATES = ['pending', 'running', 'stopping', 'stopped'];

/** What to do about the EC2 error codes a launch can meet. */
const HINTS: Record<string, string> = {
  VcpuLimitExceeded:
    "the account's vCPU quota for this instance family is reached: terminate instances or request a higher quota (Service Quotas)",
  InstanceLimitExceeded:
    "the account's instance limit is reached: terminate instances or request a higher limit",
  InsufficientInstanceCapacity:
    'AWS has no capacity for this type in this zone now: try another zone or type',
  AuthFailure: 'check the access_key_id and secret_access_key secrets the provider_options name',
  UnauthorizedOperation: 'the IAM policy of these credentials does not allow this call',
  InvalidAMIID: 'see `provisioning provider list` and the image option',
};

// Loaded on first use: the SDK is large, and most commands never talk to EC2.
let sdk: Promise<Sdk> | undefined;
// In the CLI's ESM bundle a CommonJS package's dynamic import yields { default: module.exports }.
const loadSdk = () =>
  (sdk ??= import('@aws-sdk/client-ec2').then((module) =>
    'EC2Client' in module ? module : (module as unknown as { default: Sdk }).default,
  ));

/** The idempotency token RunInstances gets: at most 64 ASCII characters, stable per client token. */
export const runToken = (clientToken: string): string =>
  createHash('sha256').update(clientToken).digest('hex').slice(0, 48);

/** Secrets must come from the secret store ({{secret.NAME}}), which the engine redacts everywhere. */
async function connect(ctx: Ctx): Promise<{ ec2: EC2Client; sdk: Sdk }> {
  const secretValues = new Set(Object.values(ctx.secrets));
  for (const field of ['secret_access_key', 'session_token'] as const) {
    const value = ctx.options[field];
    if (value !== undefined && !secretValues.has(value))
      throw new Error(
        `provider_options.${field} of the aws provider must be written as a secret reference such as {{secret.AWS_${field.toUpperCase()}}}, not as a literal value`,
      );
  }
  // The pinned SDK works on Node 20; its warning that later SDK releases will not would reach the
  // user's terminal on every command, about nothing they can act on.
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  const loaded = await loadSdk();
  const { options } = ctx;
  const ec2 = new loaded.EC2Client({
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    credentials: {
      accessKeyId: options.access_key_id,
      secretAccessKey: options.secret_access_key,
      ...(options.session_token ? { sessionToken: options.session_token } : {}),
    },
    // the SDK's standard retries: throttling (RequestLimitExceeded), 5xx and network errors, with backoff
    maxAttempts: 6,
    retryMode: 'standard',
  });
  return { ec2, sdk: loaded };
}

function explain(error: unknown, what: string): Error {
  const name = (error as { name?: string }).name ?? '';
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  const hint = HINTS[name] ?? HINTS[name.split('.')[0] ?? ''];
  return new Error(
    `EC2 refused to ${what}: ${name}${status ? ` (HTTP ${status})` : ''}: ${(error as Error).message.replace(/\.$/, '')}${hint ? `; ${hint}` : ''}`,
  );
}

const tagsOf = (instance: Instance): Record<string, string> =>
  Object.fromEntries((instance.Tags ?? []).map((tag) => [tag.Key ?? '', tag.Value ?? '']));

function toServer(instance: Instance, options: AwsOptions, hostKeys: string[] = []): ProviderServer {
  const labels = tagsOf(instance);
  const address = options.address === 'public' ? instance.PublicIpAddress : instance.PrivateIpAddress;
  return {
    id: instance.InstanceId ?? '',
    name: labels[SERVER_LABEL] ?? labels['Name'] ?? instance.InstanceId ?? '',
    status: STATUS[instance.State?.Name ?? ''] ?? 'error',
    ...(address ? { address } : {}),
    port: 22,
    user: options.user,
    ...(instance.InstanceType ? { plan: instance.InstanceType } : {}),
    ...(instance.ImageId ? { image: instance.ImageId } : {}),
    ...(instance.Placement?.AvailabilityZone ? { zone: instance.Placement.AvailabilityZone } : {}),
    labels,
    hostKeys,
    ...(instance.LaunchTime ? { createdAt: new Date(instance.LaunchTime).toISOString() } : {}),
  };
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });

/** Every instance matching the filters, all pages (DescribeInstances' NextToken). */
async function describe(
  ec2: EC2Client,
  sdk: Sdk,
  filters: { Name: string; Values: string[] }[],
  signal?: AbortSignal,
): Promise<Instance[]> {
  const instances: Instance[] = [];
  const pages = sdk.paginateDescribeInstances({ client: ec2, pageSize: 100 }, { Filters: filters });
  for await (const page of pages) {
    signal?.throwIfAborted();
    for (const reservation of page.Reservations ?? []) instances.push(...(reservation.Instances ?? []));
  }
  return instances;
}

/** The instance, or undefined when EC2 does not know it or it is terminated. */
async function instanceById(ec2: EC2Client, sdk: Sdk, id: string): Promise<Instance | undefined> {
  try {
    const result = await ec2.send(new sdk.DescribeInstancesCommand({ InstanceIds: [id] }));
    const instance = result.Reservations?.[0]?.Instances?.[0];
    return instance && instance.State?.Name !== 'terminated' ? instance : undefined;
  } catch (error) {
    if ((error as Error).name === 'InvalidInstanceID.NotFound') return undefined;
    throw error;
  }
}

async function imageId(ec2: EC2Client, sdk: Sdk, options: AwsOptions): Promise<string> {
  if (/^ami-[0-9a-f]+$/.test(options.image)) return options.image;
  const { Images = [] } = await ec2.send(
    new sdk.DescribeImagesCommand({
      Owners: [options.image_owner],
      Filters: [
        { Name: 'name', Values: [options.image] },
        { Name: 'state', Values: ['available'] },
      ],
    }),
  );
  const newest = [...Images].sort((a, b) => (b.CreationDate ?? '').localeCompare(a.CreationDate ?? ''))[0];
  if (!newest?.ImageId)
    throw new Error(
      `EC2 has no available image named "${options.image}" owned by ${options.image_owner} in ${options.region}`,
    );
  return newest.ImageId;
}

/**
 * Polls until the instance is running with its address and its console shows the host keys
 * cloud-init printed; fails after `create_timeout` naming the instance and what to do.
 */
async function waitUntilReady(
  ctx: Ctx,
  ec2: EC2Client,
  sdk: Sdk,
  id: string,
  name: string,
): Promise<ProviderServer> {
  const { options } = ctx;
  const deadline = Date.now() + options.create_timeout * 1000;
  let last = '';
  for (;;) {
    const instance = await instanceById(ec2, sdk, id);
    if (!instance) throw new Error(`${name} (${id}) was terminated while it was being created`);
    const state = instance.State?.Name ?? 'unknown';
    const server = toServer(instance, options);
    if (state === 'running' && server.address) {
      const console = await ec2.send(new sdk.GetConsoleOutputCommand({ InstanceId: id, Latest: true }));
      const hostKeys = consoleHostKeys(Buffer.from(console.Output ?? '', 'base64').toString('utf8'));
      if (hostKeys.length) return { ...server, hostKeys };
    } else if (state !== 'pending') {
      throw new Error(`${name} (${id}) is ${state} instead of starting; see it in the EC2 console`);
    }
    const waitingFor = state === 'running' ? 'its host keys on the console' : 'running';
    if (waitingFor !== last) ctx.log(`${name}: ${state}, waiting for ${waitingFor}`);
    last = waitingFor;
    if (Date.now() >= deadline)
      throw new Error(
        `${name} (${id}) is still ${state}${state === 'running' ? ' without host keys on its console' : ''} after ${options.create_timeout} s; run 'provisioning server create' again to finish it (its client token finds this instance), or 'provisioning server delete ${name}' to terminate it`,
      );
    await sleep(options.poll_interval * 1000, ctx.signal);
  }
}

async function waitForState(ctx: Ctx, ec2: EC2Client, sdk: Sdk, id: string, target: string): Promise<void> {
  const deadline = Date.now() + ctx.options.create_timeout * 1000;
  for (;;) {
    const instance = await instanceById(ec2, sdk, id);
    if (!instance) throw new Error(`instance ${id} no longer exists`);
    if (instance.State?.Name === target) return;
    if (Date.now() >= deadline)
      throw new Error(
        `instance ${id} is still ${instance.State?.Name} after ${ctx.options.create_timeout} s, not ${target}`,
      );
    await sleep(ctx.options.poll_interval * 1000, ctx.signal);
  }
}

export const aws = defineProvider({
  name: 'aws',
  version: '0.1.0',
  description:
    'Amazon EC2 instances through the EC2 API (2016-11-15) with the AWS SDK: idempotent launches by client token, host keys read from the console.',
  options: awsOptions,
  placement: (options) => ({
    zone: options.zone ?? `${options.region} (any zone)`,
    plan: options.instance_type,
    image: options.image,
  }),

  async create(ctx, request) {
    const { ec2, sdk } = await connect(ctx);
    const { options } = ctx;
    const token = runToken(request.clientToken);
    const [existing] = await describe(ec2, sdk, [
      { Name: 'client-token', Values: [token] },
      { Name: 'instance-state-name', Values: LIVE_STATES },
    ]);
    let id = existing?.InstanceId;
    if (id) ctx.log(`${request.name}: ${id} was launched by an earlier create; finishing it`);
    else {
      ctx.log(`${request.name}: launching a ${options.instance_type} in ${options.zone ?? options.region}`);
      try {
        const launched = await ec2.send(
          new sdk.RunInstancesCommand({
            ClientToken: token,
            ImageId: await imageId(ec2, sdk, options),
            InstanceType: options.instance_type as never,
            MinCount: 1,
            MaxCount: 1,
            UserData: Buffer.from(userData(request.sshPublicKeys, options.user)).toString('base64'),
            ...(options.zone ? { Placement: { AvailabilityZone: options.zone } } : {}),
            ...(options.subnet_id ? { SubnetId: options.subnet_id } : {}),
            ...(options.security_group_ids.length ? { SecurityGroupIds: options.security_group_ids } : {}),
            TagSpecifications: [
              {
                ResourceType: 'instance',
                Tags: Object.entries({ Name: request.name, ...request.labels }).map(([Key, Value]) => ({
                  Key,
                  Value,
                })),
              },
            ],
          }),
        );
        id = launched.Instances?.[0]?.InstanceId;
      } catch (error) {
        throw explain(error, `launch ${request.name}`);
      }
      if (!id) throw new Error(`EC2 launched ${request.name} but returned no instance id`);
    }
    return waitUntilReady(ctx, ec2, sdk, id, request.name);
  },

  async get(ctx, id) {
    const { ec2, sdk } = await connect(ctx);
    const instance = await instanceById(ec2, sdk, id);
    return instance && toServer(instance, ctx.options);
  },

  async list(ctx) {
    const { ec2, sdk } = await connect(ctx);
    const instances = await describe(
      ec2,
      sdk,
      [
        { Name: `tag:${MANAGED_BY_LABEL}`, Values: ['provisioning'] },
        { Name: 'instance-state-name', Values: LIVE_STATES },
      ],
      ctx.signal,
    );
    return instances.map((instance) => toServer(instance, ctx.options));
  },

  async delete(ctx, id) {
    const { ec2, sdk } = await connect(ctx);
    if (!(await instanceById(ec2, sdk, id))) return;
    ctx.log(`terminating ${id}`);
    try {
      await ec2.send(new sdk.TerminateInstancesCommand({ InstanceIds: [id] }));
    } catch (error) {
      if ((error as Error).name === 'InvalidInstanceID.NotFound') return;
      throw explain(error, `terminate ${id}`);
    }
    const deadline = Date.now() + ctx.options.create_timeout * 1000;
    while ((await instanceById(ec2, sdk, id)) && Date.now() < deadline)
      await sleep(ctx.options.poll_interval * 1000, ctx.signal);
  },

  async start(ctx, id) {
    const { ec2, sdk } = await connect(ctx);
    await ec2.send(new sdk.StartInstancesCommand({ InstanceIds: [id] }));
    await waitForState(ctx, ec2, sdk, id, 'running');
  },

  async stop(ctx, id) {
    const { ec2, sdk } = await connect(ctx);
    await ec2.send(new sdk.StopInstancesCommand({ InstanceIds: [id] }));
    await waitForState(ctx, ec2, sdk, id, 'stopped');
  },

  async reboot(ctx, id) {
    const { ec2, sdk } = await connect(ctx);
    await ec2.send(new sdk.RebootInstancesCommand({ InstanceIds: [id] }));
    await waitForState(ctx, ec2, sdk, id, 'running');
  },

  async plans(ctx) {
    const { ec2, sdk } = await connect(ctx);
    const plans = [];
    for await (const page of sdk.paginateDescribeInstanceTypes({ client: ec2, pageSize: 100 }, {}))
      for (const type of page.InstanceTypes ?? [])
        plans.push({
          name: type.InstanceType ?? '',
          ...(type.VCpuInfo?.DefaultVCpus ? { cpus: type.VCpuInfo.DefaultVCpus } : {}),
          ...(type.MemoryInfo?.SizeInMiB ? { memoryMb: type.MemoryInfo.SizeInMiB } : {}),
        });
    return plans;
  },

  async images(ctx) {
    const { ec2, sdk } = await connect(ctx);
    const { Images = [] } = await ec2.send(
      new sdk.DescribeImagesCommand({
        Owners: [ctx.options.image_owner],
        Filters: [{ Name: 'name', Values: [ctx.options.image] }],
      }),
    );
    return Images.map((image) => ({ name: image.ImageId ?? '', description: image.Name ?? '' }));
  },

  async zones(ctx) {
    const { ec2, sdk } = await connect(ctx);
    const { AvailabilityZones = [] } = await ec2.send(new sdk.DescribeAvailabilityZonesCommand({}));
    return AvailabilityZones.map((zone) => ({
      name: zone.ZoneName ?? '',
      description: `${zone.RegionName} (${zone.State})`,
    }));
  },
});
