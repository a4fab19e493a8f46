import {
  defineProvider,
  HttpError,
  MANAGED_BY_LABEL,
  type ProviderContext,
  type ProviderServer,
  type ProviderServerStatus,
  SERVER_LABEL,
  type ServerCreateRequest,
} from '@provisioning/sdk';
import { UpcloudApi } from './api';
import type { UpcloudServer, UpcloudServerCreate, UpcloudServerState } from './api-types';
import { generateHostKey, hostKeyUserData } from './host-key';
import {
  fromUpcloudLabels,
  HOST_KEY_LABEL,
  TOKEN_LABEL,
  tokenLabelValue,
  toUpcloudLabels,
  upcloudLabelKey,
} from './labels';
import { type UpcloudOptions, upcloudOptions } from './options';
import { sleep } from './wait';

type Ctx = ProviderContext<UpcloudOptions>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const POWER_TIMEOUT_SECONDS = 60;
const CREATE_TRIES = 3;

const STATUS: Record<UpcloudServerState, ProviderServerStatus> = {
  started: 'running',
  stopped: 'stopped',
  maintenance: 'creating',
  error: 'error',
};

/** What to do about the UpCloud error codes a create can meet. */
const HINTS: Record<string, string> = {
  SERVER_RESOURCES_UNAVAILABLE:
    "the account's resource limits (GET /1.3/account) are reached: delete servers or ask UpCloud to raise them",
  INSUFFICIENT_CREDITS: 'the account has no credits left: add credits in the UpCloud control panel',
  AUTHENTICATION_FAILED: 'check the token or username/password secrets the provider_options name',
  ZONE_INVALID: 'see `provisioning provider list` or GET /1.3/zone for the zones',
  PLAN_INVALID: 'GET /1.3/plan lists the plans',
};

/**
 * Credentials must come from the secret store ({{secret.NAME}}), which the engine redacts
 * everywhere; a literal token in an infra file would end up in version control.
 */
function client(ctx: Ctx): UpcloudApi {
  const secretValues = new Set(Object.values(ctx.secrets));
  for (const field of ['token', 'password'] as const) {
    const value = ctx.options[field];
    if (value !== undefined && !secretValues.has(value))
      throw new Error(
        `provider_options.${field} of the upcloud provider must be written as a secret reference such as {{secret.UPCLOUD_${field.toUpperCase()}}}, not as a literal value`,
      );
  }
  return UpcloudApi.connect(ctx.options, ctx.log, ctx.signal);
}

const publicIpv4 = (server: UpcloudServer): string | undefined =>
  server.ip_addresses?.ip_address.find((ip) => ip.access === 'public' && ip.family === 'IPv4' && ip.address)
    ?.address;

function toServer(server: UpcloudServer, options: UpcloudOptions): ProviderServer {
  const labels = fromUpcloudLabels(server.labels?.label);
  const hostKey = labels[HOST_KEY_LABEL];
  const address = publicIpv4(server);
  return {
    id: server.uuid,
    name: labels[SERVER_LABEL] ?? server.title,
    status: STATUS[server.state] ?? 'error',
    ...(address ? { address } : {}),
    port: 22,
    user: options.user,
    plan: server.plan,
    zone: server.zone,
    labels,
    hostKeys: hostKey ? [hostKey] : [],
    ...(server.created ? { createdAt: new Date(server.created * 1000).toISOString() } : {}),
  };
}

function explain(error: unknown, what: string): Error {
  if (!(error instanceof HttpError)) return error as Error;
  const hint = error.code ? HINTS[error.code] : undefined;
  return new Error(`UpCloud refused to ${what}: ${error.message}${hint ? `; ${hint}` : ''}`);
}

const transient = (error: unknown): boolean =>
  error instanceof HttpError &&
  (error.kind === 'timeout' ||
    error.kind === 'network' ||
    (error.status !== undefined && error.status >= 500));

async function findByToken(api: UpcloudApi, token: string): Promise<UpcloudServer | undefined> {
  const [found] = await api.servers([`${TOKEN_LABEL}=${token}`]);
  return found;
}

async function templateUuid(api: UpcloudApi, template: string): Promise<string> {
  if (UUID.test(template)) return template;
  const templates = await api.templates();
  const found = templates.find((candidate) => candidate.title === template);
  if (!found)
    throw new Error(
      `UpCloud has no public template titled "${template}"; templates: ${templates.map((t) => t.title).join(', ') || 'none'}`,
    );
  return found.uuid;
}

/** POSTs the server; after a 5xx, a timeout or a network error it looks for it by its token label before trying again. */
async function createNew(
  ctx: Ctx,
  api: UpcloudApi,
  request: ServerCreateRequest<UpcloudOptions>,
  token: string,
): Promise<UpcloudServer> {
  const { options } = ctx;
  const hostKey = generateHostKey(`root@${request.name}`);
  const body: UpcloudServerCreate = {
    zone: options.zone,
    title: request.name,
    hostname: request.name,
    plan: options.plan,
    metadata: 'yes',
    password_delivery: 'none',
    storage_devices: {
      storage_device: [
        {
          action: 'clone',
          storage: await templateUuid(api, options.template),
          title: `${request.name}-disk`,
          size: options.storage_size,
          tier: 'maxiops',
        },
      ],
    },
    networking: {
      interfaces: {
        interface: [
          { type: 'public', ip_addresses: { ip_address: [{ family: 'IPv4' }] } },
          { type: 'utility', ip_addresses: { ip_address: [{ family: 'IPv4' }] } },
        ],
      },
    },
    login_user: {
      username: options.user,
      create_password: 'no',
      ssh_keys: { ssh_key: request.sshPublicKeys.map((key) => key.trim()) },
    },
    user_data: hostKeyUserData(hostKey),
    labels: {
      label: [
        ...toUpcloudLabels(request.labels),
        { key: TOKEN_LABEL, value: token },
        { key: HOST_KEY_LABEL, value: hostKey.publicKey },
      ],
    },
  };
  for (let attempt = 1; ; attempt++) {
    try {
      ctx.log(`${request.name}: creating in ${options.zone}, plan ${options.plan}`);
      return await api.createServer(body);
    } catch (error) {
      if (!transient(error) || attempt >= CREATE_TRIES) throw explain(error, `create ${request.name}`);
      // the request may have been carried out even though no answer came back
      const found = await findByToken(api, token);
      if (found) return found;
      ctx.log(`${request.name}: ${(error as Error).message}; no server was made, trying again`);
      await sleep(1000 * attempt, ctx.signal);
    }
  }
}

/** Polls the server until it is in `target` (and, when started, has its public IPv4). */
async function waitFor(
  ctx: Ctx,
  api: UpcloudApi,
  uuid: string,
  name: string,
  target: UpcloudServerState,
  timeoutSeconds: number,
): Promise<UpcloudServer> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  let last = '';
  for (;;) {
    const server = await api.server(uuid);
    if (!server) throw new Error(`${name} (${uuid}) no longer exists at UpCloud`);
    if (server.state === target && (target !== 'started' || publicIpv4(server))) return server;
    if (server.state === 'error')
      throw new Error(`${name} (${uuid}) is in the error state at UpCloud; see the UpCloud control panel`);
    if (server.state !== last) ctx.log(`${name}: ${server.state}, waiting for ${target}`);
    last = server.state;
    if (Date.now() >= deadline)
      throw new Error(
        `${name} (${uuid}) is still ${server.state} after ${timeoutSeconds} s at UpCloud; run 'provisioning server create' again to finish it (it finds this server by its label), or 'provisioning server delete ${name}' to remove it`,
      );
    await sleep(ctx.options.poll_interval * 1000, ctx.signal);
  }
}

export const upcloud = defineProvider({
  name: 'upcloud',
  version: '0.1.0',
  description:
    'UpCloud cloud servers through the UpCloud API 1.3: plans, zones and public templates; host key injected with cloud-init.',
  options: upcloudOptions,
  placement: (options) => ({ zone: options.zone, plan: options.plan, image: options.template }),

  async create(ctx, request) {
    const api = client(ctx);
    const token = tokenLabelValue(request.clientToken);
    let server = await findByToken(api, token);
    if (server) ctx.log(`${request.name}: ${server.uuid} was made by an earlier create; finishing it`);
    else server = await createNew(ctx, api, request, token);
    const started = await waitFor(ctx, api, server.uuid, request.name, 'started', ctx.options.create_timeout);
    return toServer(started, ctx.options);
  },

  async get(ctx, id) {
    const server = await client(ctx).server(id);
    return server && toServer(server, ctx.options);
  },

  async list(ctx) {
    const api = client(ctx);
    const servers = await api.servers([`${upcloudLabelKey(MANAGED_BY_LABEL)}=provisioning`]);
    return servers.map((server) => toServer(server, ctx.options));
  },

  async delete(ctx, id) {
    const api = client(ctx);
    const server = await api.server(id);
    if (!server) return;
    const name = toServer(server, ctx.options).name;
    if (server.state !== 'stopped') {
      if (server.state === 'started') {
        ctx.log(`${name}: stopping before it is deleted`);
        await api.stop(id, POWER_TIMEOUT_SECONDS).catch((error) => {
          throw explain(error, `stop ${name}`);
        });
      }
      await waitFor(ctx, api, id, name, 'stopped', POWER_TIMEOUT_SECONDS * 2);
    }
    ctx.log(`${name}: deleting ${id} and its storages`);
    await api.deleteServer(id).catch((error) => {
      throw explain(error, `delete ${name}`);
    });
  },

  async start(ctx, id) {
    const api = client(ctx);
    const server = await api.server(id);
    if (!server) throw new Error(`no UpCloud server ${id}; it was deleted`);
    if (server.state !== 'started') await api.start(id);
    await waitFor(ctx, api, id, server.title, 'started', ctx.options.create_timeout);
  },

  async stop(ctx, id) {
    const api = client(ctx);
    const server = await api.server(id);
    if (!server || server.state === 'stopped') return;
    await api.stop(id, POWER_TIMEOUT_SECONDS);
    await waitFor(ctx, api, id, server.title, 'stopped', POWER_TIMEOUT_SECONDS * 2);
  },

  async reboot(ctx, id) {
    const api = client(ctx);
    const server = await api.server(id);
    if (!server) throw new Error(`no UpCloud server ${id}; it was deleted`);
    await api.restart(id, POWER_TIMEOUT_SECONDS);
    await waitFor(ctx, api, id, server.title, 'started', ctx.options.create_timeout);
  },

  async plans(ctx) {
    return (await client(ctx).plans()).map((plan) => ({
      name: plan.name,
      cpus: Number(plan.core_number),
      memoryMb: Number(plan.memory_amount),
      diskGb: Number(plan.storage_size),
    }));
  },

  async images(ctx) {
    return (await client(ctx).templates()).map((template) => ({
      name: template.title,
      description: template.uuid,
    }));
  },

  async zones(ctx) {
    return (await client(ctx).zones()).map((zone) => ({ name: zone.id, description: zone.description }));
  },
});
