import type { Server } from '@provisioning/config';
import { INFRA_LABEL, SERVER_LABEL } from '@provisioning/sdk';
import type { ServerRecord } from '@provisioning/store';
import { EngineError } from '../errors';
import { mapLimit } from '../run/map-limit';
import { type BoundProvider, bindProvider, journaled } from './provider-calls';
import { workspaceKnownHostsPath } from '../hosts/open-pool';
import { recordHostKeys } from './server-access';
import type { ServerContext } from './server-context';

export interface ServerDeleteItem {
  name: string;
  provider: string;
  providerId?: string;
  address?: string;
  /** The record's status: a `creating` record is an interrupted create being cleaned up. */
  status: ServerRecord['status'];
}

export interface ServerDeletePlan {
  infra: string;
  servers: ServerDeleteItem[];
}

export interface ServerDeleteOutcome {
  name: string;
  status: 'deleted' | 'failed';
  error?: string;
}

export interface ServerDeleteResult {
  infra: string;
  servers: ServerDeleteOutcome[];
  deleted: number;
  failed: number;
}

/**
 * Plans `server delete NAME...`: only servers provisioning created (a record in the state store),
 * so a static host or a server made by hand is refused before anything is touched.
 */
export async function planServerDelete(
  ctx: ServerContext,
  names: readonly string[],
): Promise<ServerDeletePlan> {
  if (names.length === 0)
    throw new EngineError('name the servers to delete', 'e.g. provisioning server delete web-1 web-2');
  const records = new Map(
    (await ctx.store.listServers(ctx.infra.name)).map((record) => [record.name, record]),
  );
  const refused = names.filter((name) => !records.has(name));
  if (refused.length > 0) {
    const known = [...records.keys()];
    throw new EngineError(
      `${refused.map((name) => `"${name}"`).join(', ')} ${refused.length > 1 ? 'were' : 'was'} not created by provisioning in infra "${ctx.infra.name}" (no record in the state store), so ${refused.length > 1 ? 'they are' : 'it is'} not deleted`,
      known.length
        ? `servers provisioning created here: ${known.join(', ')}`
        : 'provisioning created no server in this infra',
    );
  }
  return {
    infra: ctx.infra.name,
    servers: names.map((name) => {
      const record = records.get(name) as ServerRecord;
      return {
        name,
        provider: record.provider,
        status: record.status,
        ...(record.providerId ? { providerId: record.providerId } : {}),
        ...(record.address ? { address: record.address } : {}),
      };
    }),
  };
}

/** A server's provider binding; a server gone from the infra files is deleted with default options. */
export function bindRecorded(ctx: ServerContext, name: string, provider: string): BoundProvider {
  const server = ctx.infra.servers.find(
    (candidate) => candidate.name === name && candidate.provider === provider,
  );
  const stand: Server = server ?? {
    name,
    provider,
    labels: {},
    source: { file: `infra/${ctx.infra.name}`, line: 1, col: 1 },
  };
  return bindProvider(ctx, stand);
}

/** Finds the provider id of a create that stopped before its call returned, by the labels it was given. */
async function findByLabels(
  ctx: ServerContext,
  bound: BoundProvider,
  name: string,
): Promise<string | undefined> {
  const servers = await journaled(ctx, bound, name, 'list', () => bound.definition.list(bound.context));
  return servers.find(
    (server) => server.labels[INFRA_LABEL] === ctx.infra.name && server.labels[SERVER_LABEL] === name,
  )?.id;
}

export async function deleteServers(ctx: ServerContext, plan: ServerDeletePlan): Promise<ServerDeleteResult> {
  const knownHosts = workspaceKnownHostsPath(ctx.settings, ctx.workspaceRoot);
  const outcomes = await mapLimit(
    plan.servers,
    ctx.parallel ?? ctx.settings.run.parallelism ?? 10,
    async (item): Promise<ServerDeleteOutcome> => {
      try {
        const record = await ctx.store.getServer(ctx.infra.name, item.name);
        if (!record) return { name: item.name, status: 'deleted' };
        const bound = bindRecorded(ctx, item.name, record.provider);
        await ctx.store.putServer({ ...record, status: 'deleting' });
        const id = record.providerId ?? (await findByLabels(ctx, bound, item.name));
        if (id)
          await journaled(ctx, bound, item.name, 'delete', () => bound.definition.delete(bound.context, id));
        if (record.address) recordHostKeys(knownHosts, record.address, record.port ?? 22, []);
        await ctx.store.removeServer(ctx.infra.name, item.name);
        return { name: item.name, status: 'deleted' };
      } catch (error) {
        return { name: item.name, status: 'failed', error: (error as Error).message };
      }
    },
  );
  return {
    infra: plan.infra,
    servers: outcomes,
    deleted: outcomes.filter((outcome) => outcome.status === 'deleted').length,
    failed: outcomes.filter((outcome) => outcome.status === 'failed').length,
  };
}
