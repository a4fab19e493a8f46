import type { Infra } from '@provisioning/config';
import { Redactor } from '@provisioning/sdk';
import type { ConnectionPool } from '@provisioning/remote';
import { openPool } from '../hosts/open-pool';
import type { RunRequest } from '../run/run-request';
import { withCreatedServers } from '../servers/server-access';
import type { ClusterContext } from './cluster-context';
import { clusterEntries } from './cluster-entries';
import type { ResolvedCluster } from './resolve-cluster';

/** The infra as a cluster run sees it: created servers' addresses filled in, the cluster's entries added. */
export interface ClusterRun {
  infra: Infra;
  pool: ConnectionPool;
  /** Entry names the cluster placed (for `taskservs` of a run). */
  entries: string[];
  runContext(
    action: RunRequest['action'],
    servers: Iterable<string>,
    taskservs: Iterable<string>,
  ): RunRequest;
  redactor: Redactor;
  close(): Promise<void>;
}

export async function openClusterRun(
  ctx: ClusterContext,
  resolved: ResolvedCluster,
  leaving: Record<string, string[]> = {},
): Promise<ClusterRun> {
  const withAddresses = withCreatedServers(ctx.infra, await ctx.store.listServers(ctx.infra.name));
  const entries = clusterEntries(resolved, withAddresses, leaving);
  const infra: Infra = { ...withAddresses, taskservs: [...withAddresses.taskservs, ...entries] };
  const pool = openPool(infra, {
    settings: ctx.settings,
    workspaceRoot: ctx.workspaceRoot,
    acceptNewHostKeys: ctx.acceptNewHostKeys,
  });
  return {
    infra,
    pool,
    entries: entries.map((entry) => entry.name),
    redactor: new Redactor(),
    runContext: (action, servers, taskservs) => ({
      infra,
      workspaceName: ctx.workspaceName,
      resolveTaskserv: ctx.resolveTaskserv,
      executorFor: (server) => pool.executor(server),
      action,
      servers: new Set(servers),
      taskservs: new Set(taskservs),
      parallel: ctx.parallel ?? ctx.settings.run.parallelism ?? 10,
      env: ctx.env,
      secrets: ctx.secrets,
      baseDir: ctx.workspaceRoot,
      timeoutMs: ctx.settings.run.timeout ? ctx.settings.run.timeout * 1000 : undefined,
      signal: ctx.signal,
      onEvent: ctx.onRunEvent,
      store: ctx.store,
    }),
    close: () => pool.close(),
  };
}

/** Config role entries (`taskservs:` of a role in the infra file) that run on the role's servers too. */
export function configRoleEntries(resolved: ResolvedCluster): string[] {
  return [...new Set(Object.values(resolved.cluster.roles).flatMap((role) => role.taskservs ?? []))];
}
