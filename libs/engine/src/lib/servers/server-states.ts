import { INFRA_LABEL, type ProviderServer, SERVER_LABEL } from '@provisioning/sdk';
import type { ServerRecord } from '@provisioning/store';
import { type BoundProvider, bindProvider } from './provider-calls';
import { workspaceKnownHostsPath } from '../hosts/open-pool';
import { bindRecorded } from './delete-servers';
import { recordHostKeys } from './server-access';
import { EXISTING_SERVER_PROVIDERS, type ServerContext } from './server-context';

/** One server as the infra, the state store and its provider see it. */
export interface ServerState {
  name: string;
  provider: string;
  /** In the infra files. */
  defined: boolean;
  /** The record's status in the state store, when provisioning created it. */
  recorded?: ServerRecord['status'];
  /** What the provider reports now; `missing` when the recorded server is gone. */
  providerStatus?: ProviderServer['status'] | 'missing';
  providerId?: string;
  address?: string;
  zone?: string;
  plan?: string;
  /**
   * Drift: `provider-only` exists at the provider with this infra's labels but has no record;
   * `state-only` is recorded but gone at the provider (deleted behind the tool's back);
   * `not-created` is defined for a provider but not created yet.
   */
  drift?: 'provider-only' | 'state-only' | 'not-created' | 'interrupted';
}

/** Binds the provider of every provider server in the infra once per (provider, options). */
function providerBindings(ctx: ServerContext): BoundProvider[] {
  const seen = new Map<string, BoundProvider>();
  for (const server of ctx.infra.servers) {
    if (EXISTING_SERVER_PROVIDERS.has(server.provider)) continue;
    const key = `${server.provider}:${JSON.stringify(server.provider_options ?? {})}`;
    if (!seen.has(key)) seen.set(key, bindProvider(ctx, server));
  }
  return [...seen.values()];
}

/**
 * Every server of the infra with its recorded and live state; with `drift`, also servers that
 * exist on one side only (asking each provider for its list).
 */
export async function serverStates(
  ctx: ServerContext,
  options: { drift?: boolean } = {},
): Promise<ServerState[]> {
  const records = new Map(
    (await ctx.store.listServers(ctx.infra.name)).map((record) => [record.name, record]),
  );
  const states: ServerState[] = [];
  const names = new Set([...ctx.infra.servers.map((server) => server.name), ...records.keys()]);
  for (const name of names) {
    const server = ctx.infra.servers.find((candidate) => candidate.name === name);
    const record = records.get(name);
    const provider = record?.provider ?? server?.provider ?? 'static';
    const state: ServerState = { name, provider, defined: server !== undefined };
    if (record) {
      Object.assign(state, {
        recorded: record.status,
        ...(record.providerId ? { providerId: record.providerId } : {}),
        ...(record.address ? { address: record.address } : {}),
        ...(record.zone ? { zone: record.zone } : {}),
        ...(record.plan ? { plan: record.plan } : {}),
      });
      const bound = bindRecorded(ctx, name, record.provider);
      const live = record.providerId
        ? await bound.definition.get(bound.context, record.providerId)
        : undefined;
      state.providerStatus = live?.status ?? 'missing';
      if (record.status !== 'created') state.drift = 'interrupted';
      else if (!live) state.drift = 'state-only';
    } else if (server && !EXISTING_SERVER_PROVIDERS.has(server.provider)) {
      state.drift = 'not-created';
    }
    states.push(state);
  }
  if (options.drift) {
    const seen = new Set<string>();
    for (const bound of providerBindings(ctx)) {
      for (const live of await bound.definition.list(bound.context)) {
        // two option sets (two sizes) of one provider list the same account
        if (live.labels[INFRA_LABEL] !== ctx.infra.name || seen.has(`${bound.definition.name}:${live.id}`))
          continue;
        seen.add(`${bound.definition.name}:${live.id}`);
        const name = live.labels[SERVER_LABEL] ?? live.name;
        if (records.get(name)?.providerId === live.id) continue;
        states.push({
          name,
          provider: bound.definition.name,
          defined: ctx.infra.servers.some((s) => s.name === name),
          providerStatus: live.status,
          providerId: live.id,
          ...(live.address ? { address: live.address } : {}),
          drift: 'provider-only',
        });
      }
    }
  }
  return states;
}

export interface StateRefreshResult {
  infra: string;
  /** Records updated from the provider (address, status, host keys). */
  updated: string[];
  /** Records removed because their server is gone at the provider. */
  removed: string[];
  unchanged: string[];
}

/**
 * `state refresh`: re-reads every recorded server from its provider; forgets the ones that are gone
 * (and their known_hosts lines), and moves known_hosts with a server whose address or keys changed.
 */
export async function refreshServerStates(ctx: ServerContext): Promise<StateRefreshResult> {
  const result: StateRefreshResult = { infra: ctx.infra.name, updated: [], removed: [], unchanged: [] };
  const knownHosts = workspaceKnownHostsPath(ctx.settings, ctx.workspaceRoot);
  for (const record of await ctx.store.listServers(ctx.infra.name)) {
    const bound = bindRecorded(ctx, record.name, record.provider);
    const live = record.providerId ? await bound.definition.get(bound.context, record.providerId) : undefined;
    if (!live) {
      if (record.status === 'created') {
        // Its address may go to another machine: its host key must not be trusted there.
        if (record.address) recordHostKeys(knownHosts, record.address, record.port ?? 22, []);
        await ctx.store.removeServer(ctx.infra.name, record.name);
        result.removed.push(record.name);
      } else result.unchanged.push(record.name); // an interrupted create: `server create` resumes it
      continue;
    }
    const next = {
      address: live.address ?? record.address,
      port: live.port ?? record.port,
      hostKeys: live.hostKeys.length ? [...live.hostKeys] : record.hostKeys,
    };
    if (
      next.address === record.address &&
      next.port === record.port &&
      JSON.stringify(next.hostKeys) === JSON.stringify(record.hostKeys)
    ) {
      result.unchanged.push(record.name);
      continue;
    }
    // known_hosts follows the record: the old address's line goes, the provider's keys (learnt out
    // of band, as at creation) are written for the new one.
    if (record.address && (record.address !== next.address || record.port !== next.port))
      recordHostKeys(knownHosts, record.address, record.port ?? 22, []);
    if (next.address && next.hostKeys?.length)
      recordHostKeys(knownHosts, next.address, next.port ?? 22, next.hostKeys);
    await ctx.store.putServer({ ...record, ...next });
    result.updated.push(record.name);
  }
  return result;
}
