import type { Server } from '@provisioning/config';
import { managedLabels, waitForSsh } from '@provisioning/sdk';
import type { ServerRecord } from '@provisioning/store';
import { randomBytes } from 'node:crypto';
import { EngineError } from '../errors';
import { mapLimit } from '../run/map-limit';
import { bindProvider, journaled } from './provider-calls';
import { workspaceKnownHostsPath } from '../hosts/open-pool';
import { publicKeysFor, recordHostKeys } from './server-access';
import { EXISTING_SERVER_PROVIDERS, type ServerContext } from './server-context';

/** What `server create` would do for one server: shown before anything is created. */
export interface ServerCreateItem {
  name: string;
  provider: string;
  /** create: new; resume: a create was interrupted (same client token, so no duplicate); exists: recorded and present. */
  action: 'create' | 'resume' | 'exists';
  zone: string;
  plan: string;
  image: string;
  providerId?: string;
  address?: string;
}

export interface ServerCreatePlan {
  infra: string;
  servers: ServerCreateItem[];
  /** Servers that would be created or resumed. */
  changes: number;
}

export interface ServerCreateOutcome {
  name: string;
  provider: string;
  status: 'created' | 'exists' | 'failed';
  providerId?: string;
  address?: string;
  error?: string;
  seconds: number;
}

export interface ServerCreateResult {
  infra: string;
  servers: ServerCreateOutcome[];
  created: number;
  failed: number;
}

/** The servers of the infra a provider creates: the named ones (refusing static ones), else all. */
export function providerServers(ctx: ServerContext, names?: readonly string[]): Server[] {
  const { infra } = ctx;
  if (!names || names.length === 0)
    return infra.servers.filter((server) => !EXISTING_SERVER_PROVIDERS.has(server.provider));
  return names.map((name) => {
    const server = infra.servers.find((candidate) => candidate.name === name);
    if (!server)
      throw new EngineError(
        `infra "${infra.name}" has no server "${name}"`,
        `servers: ${infra.servers.map((s) => s.name).join(', ') || 'none'}`,
      );
    if (EXISTING_SERVER_PROVIDERS.has(server.provider)) {
      throw new EngineError(
        `server "${name}" has provider ${server.provider}: it already exists and is not created by provisioning`,
        'set provider: nspawn (or a cloud provider) on it to have it created',
      );
    }
    return server;
  });
}

/** Plans `server create`: for each server, whether it is created, resumed or already there, where and at which size. */
export async function planServerCreate(
  ctx: ServerContext,
  names?: readonly string[],
): Promise<ServerCreatePlan> {
  const servers = providerServers(ctx, names);
  const items = await Promise.all(
    servers.map(async (server): Promise<ServerCreateItem> => {
      const bound = bindProvider(ctx, server);
      const placement = bound.definition.placement(bound.context.options);
      const record = await ctx.store.getServer(ctx.infra.name, server.name);
      const base = { name: server.name, provider: server.provider, ...placement };
      if (!record || record.provider !== server.provider) return { ...base, action: 'create' };
      if (record.status === 'created' && record.providerId) {
        const live = await bound.definition.get(bound.context, record.providerId);
        if (live)
          return {
            ...base,
            action: 'exists',
            providerId: record.providerId,
            address: live.address ?? record.address,
          };
        return { ...base, action: 'create' }; // deleted behind the tool's back: made again
      }
      return { ...base, action: 'resume', ...(record.providerId ? { providerId: record.providerId } : {}) };
    }),
  );
  return {
    infra: ctx.infra.name,
    servers: items,
    changes: items.filter((item) => item.action !== 'exists').length,
  };
}

/**
 * Creates what the plan says. Per server: the record (status creating, with a client token kept
 * across retries) is written before the provider call and completed after it; then the host keys
 * go into the workspace known_hosts and the call returns once SSH answers. Servers fail alone.
 */
export async function createServers(ctx: ServerContext, plan: ServerCreatePlan): Promise<ServerCreateResult> {
  const byName = new Map(ctx.infra.servers.map((server) => [server.name, server]));
  const limit = ctx.parallel ?? ctx.settings.run.parallelism ?? 10;
  const outcomes = await mapLimit(plan.servers, limit, async (item): Promise<ServerCreateOutcome> => {
    const started = Date.now();
    const seconds = () => Math.round((Date.now() - started) / 100) / 10;
    if (item.action === 'exists')
      return {
        name: item.name,
        provider: item.provider,
        status: 'exists',
        providerId: item.providerId,
        address: item.address,
        seconds: 0,
      };
    const server = byName.get(item.name) as Server;
    try {
      const record = await createOne(ctx, server, item);
      return {
        name: item.name,
        provider: item.provider,
        status: 'created',
        providerId: record.providerId,
        address: record.address,
        seconds: seconds(),
      };
    } catch (error) {
      return {
        name: item.name,
        provider: item.provider,
        status: 'failed',
        error: (error as Error).message,
        seconds: seconds(),
      };
    }
  });
  return {
    infra: ctx.infra.name,
    servers: outcomes,
    created: outcomes.filter((outcome) => outcome.status === 'created').length,
    failed: outcomes.filter((outcome) => outcome.status === 'failed').length,
  };
}

async function createOne(ctx: ServerContext, server: Server, item: ServerCreateItem): Promise<ServerRecord> {
  const bound = bindProvider(ctx, server);
  const sshPublicKeys = publicKeysFor(server, ctx.settings, ctx.workspaceRoot);
  const previous = await ctx.store.getServer(ctx.infra.name, server.name);
  // a resumed create keeps its token, so the provider returns what it already made
  const clientToken =
    item.action === 'resume' && previous?.provider === server.provider
      ? previous.clientToken
      : `${ctx.infra.name}/${server.name}/${randomBytes(6).toString('hex')}`;
  const placement = { zone: item.zone, plan: item.plan, image: item.image };
  await ctx.store.putServer({
    infra: ctx.infra.name,
    name: server.name,
    provider: server.provider,
    clientToken,
    status: 'creating',
    hostKeys: [],
    ...placement,
  });
  const created = await journaled(ctx, bound, server.name, 'create', () =>
    bound.definition.create(bound.context, {
      name: server.name,
      infra: ctx.infra.name,
      options: bound.context.options,
      sshPublicKeys,
      labels: managedLabels(ctx.infra.name, server.name, server.labels),
      clientToken,
    }),
  );
  const record = await ctx.store.putServer({
    infra: ctx.infra.name,
    name: server.name,
    provider: server.provider,
    clientToken,
    providerId: created.id,
    status: 'creating',
    hostKeys: [...created.hostKeys],
    ...placement,
    ...(created.zone ? { zone: created.zone } : {}),
    ...(created.plan ? { plan: created.plan } : {}),
    ...(created.image ? { image: created.image } : {}),
    ...(created.address ? { address: created.address } : {}),
    ...(created.port ? { port: created.port } : {}),
    ...(created.user ? { user: created.user } : {}),
  });
  if (!created.address)
    throw new EngineError(
      `${server.provider} created ${server.name} (${created.id}) but reported no address`,
      'run `provisioning state refresh` once it has one',
    );
  if (created.hostKeys.length === 0) {
    throw new EngineError(
      `${server.provider} reported no host key for ${server.name}; provisioning never trusts a key it first sees on the network`,
      'the provider must return hostKeys from create',
    );
  }
  const port = server.port ?? created.port ?? 22;
  recordHostKeys(
    workspaceKnownHostsPath(ctx.settings, ctx.workspaceRoot),
    created.address,
    port,
    created.hostKeys,
  );
  ctx.onEvent?.({
    type: 'server-progress',
    server: server.name,
    message: `waiting for SSH on ${created.address}:${port}`,
  });
  await waitForSsh(created.address, port, { timeoutMs: 300_000, signal: ctx.signal });
  return ctx.store.putServer({ ...record, status: 'created' });
}
