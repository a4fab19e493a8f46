import { quote } from '@provisioning/sdk';
import { rmSync } from 'node:fs';
import { EngineError } from '../errors';
import { apply } from '../run/apply';
import type { RunResult } from '../run/run-result';
import {
  createServers,
  planServerCreate,
  type ServerCreateItem,
  type ServerCreateResult,
} from '../servers/create-servers';
import { EXISTING_SERVER_PROVIDERS } from '../servers/server-context';
import type { ClusterContext } from './cluster-context';
import {
  clusterOutputDir,
  type ClusterOutputValue,
  type HealthResult,
  readClusterOutputs,
  runHealthChecks,
} from './cluster-checks';
import { isClusterEntryOf } from './cluster-entries';
import { configRoleEntries, openClusterRun } from './cluster-run';
import { resolveCluster } from './resolve-cluster';

/** What `cluster create` will do: servers to create, members to add and to drain, per role in order. */
export interface ClusterPlan {
  infra: string;
  cluster: string;
  extension: string;
  roles: Array<{ name: string; servers: string[]; joining: string[]; leaving: string[] }>;
  /** Servers of the cluster a provider will create first. */
  create: ServerCreateItem[];
}

export interface ClusterCreateResult {
  infra: string;
  cluster: string;
  servers?: ServerCreateResult;
  drained: string[];
  run?: RunResult;
  health: HealthResult[];
  healthy: boolean;
  outputs: ClusterOutputValue[];
}

/** Servers that were in a role (the state store has its entries on them) and are not any more. */
async function leavingMembers(
  ctx: ClusterContext,
  resolved: ReturnType<typeof resolveCluster>,
): Promise<Record<string, string[]>> {
  const installed = await ctx.store.listTaskservs(ctx.infra.name);
  const leaving: Record<string, string[]> = {};
  for (const role of resolved.definition.roles) {
    const current = new Set(resolved.roles[role.name] ?? []);
    const hosts = installed
      .filter(
        (record) =>
          !current.has(record.host) &&
          isClusterEntryOf(record.name, resolved.cluster.name, role.name, record.host),
      )
      .map((record) => record.host);
    leaving[role.name] = [...new Set(hosts)];
  }
  return leaving;
}

async function installedMembers(ctx: ClusterContext, cluster: string, role: string): Promise<Set<string>> {
  const installed = await ctx.store.listTaskservs(ctx.infra.name);
  return new Set(
    installed
      .filter((record) => isClusterEntryOf(record.name, cluster, role, record.host))
      .map((record) => record.host),
  );
}

export async function planClusterCreate(ctx: ClusterContext, name: string): Promise<ClusterPlan> {
  const resolved = resolveCluster(ctx, ctx.infra, name);
  const leaving = await leavingMembers(ctx, resolved);
  const toCreate = resolved.servers.filter(
    (server) =>
      !EXISTING_SERVER_PROVIDERS.has(ctx.infra.servers.find((s) => s.name === server)?.provider ?? 'static'),
  );
  const serverPlan = toCreate.length ? await planServerCreate(ctx, toCreate) : undefined;
  const roles = [];
  for (const role of resolved.definition.roles) {
    const installed = await installedMembers(ctx, resolved.cluster.name, role.name);
    const servers = resolved.roles[role.name] ?? [];
    roles.push({
      name: role.name,
      servers,
      joining: servers.filter((server) => !installed.has(server)),
      leaving: leaving[role.name] ?? [],
    });
  }
  return {
    infra: ctx.infra.name,
    cluster: name,
    extension: resolved.definition.name,
    roles,
    create: serverPlan?.servers.filter((item) => item.action !== 'exists') ?? [],
  };
}

/**
 * `cluster create`: creates the cluster's missing servers through their providers, drains and
 * removes servers that left a role, applies the roles in order (one run, ordered by the
 * dependencies between the roles' entries), waits for every health check, and reads the outputs.
 */
export async function createCluster(ctx: ClusterContext, name: string): Promise<ClusterCreateResult> {
  const plan = await planClusterCreate(ctx, name);
  const result: ClusterCreateResult = {
    infra: ctx.infra.name,
    cluster: name,
    drained: [],
    health: [],
    healthy: false,
    outputs: [],
  };
  if (plan.create.length > 0) {
    result.servers = await createServers(ctx, {
      infra: ctx.infra.name,
      servers: plan.create,
      changes: plan.create.length,
    });
    if (result.servers.failed > 0) {
      const failed = result.servers.servers.filter((server) => server.status === 'failed');
      throw new EngineError(
        `cluster ${name}: could not create ${failed.map((s) => `${s.name} (${s.error})`).join(', ')}`,
        'run `provisioning cluster create` again: it finishes interrupted creates',
      );
    }
  }
  const resolved = resolveCluster(ctx, ctx.infra, name);
  const leaving = Object.fromEntries(plan.roles.map((role) => [role.name, role.leaving]));
  const run = await openClusterRun(ctx, resolved, leaving);
  try {
    for (const role of resolved.definition.roles) {
      for (const server of leaving[role.name] ?? []) {
        if (role.drain) {
          const on = resolved.roles[role.drain.on]?.[0];
          if (on) {
            const drained = await run.pool
              .executor(on)
              .exec(role.drain.command.split('{{server}}').join(quote(server)), {
                timeoutMs: 300_000,
                signal: ctx.signal,
              });
            if (drained.code !== 0)
              throw new EngineError(
                `cluster ${name}: draining ${server} on ${on} failed (exit ${drained.code}): ${drained.stderr.trim().split('\n').at(-1) ?? ''}`,
                'fix the node or remove it by hand, then run cluster create again',
              );
          }
        }
        const entries = run.entries.filter((entry) => isClusterEntryOf(entry, name, role.name, server));
        const removal = await apply(run.runContext('remove', [server], entries), {
          command: `cluster ${name} drain`,
        });
        if (removal.status !== 'succeeded')
          throw new EngineError(
            `cluster ${name}: removing ${role.name} from ${server} failed`,
            `see 'provisioning state show ${removal.runId ?? ''}'`,
          );
        result.drained.push(server);
      }
    }
    const members = resolved.servers;
    const placed = run.entries.filter((entry) =>
      resolved.definition.roles.some((role) =>
        (resolved.roles[role.name] ?? []).some((server) => isClusterEntryOf(entry, name, role.name, server)),
      ),
    );
    result.run = await apply(
      run.runContext('install', members, [...placed, ...configRoleEntries(resolved)]),
      { command: `cluster ${name} create` },
    );
    if (result.run.status !== 'succeeded') return result;
    result.health = await runHealthChecks(resolved, run, {
      wait: true,
      signal: ctx.signal,
      onAttempt: (check, message) =>
        ctx.onEvent?.({ type: 'server-progress', server: name, message: `waiting for ${check}: ${message}` }),
    });
    result.healthy = result.health.every((check) => check.healthy);
    if (result.healthy)
      result.outputs = await readClusterOutputs(resolved, run, ctx.workspaceRoot, ctx.signal);
    return result;
  } finally {
    await run.close();
  }
}

export interface ClusterStatus {
  infra: string;
  cluster: string;
  extension: string;
  roles: Array<{ name: string; servers: Array<{ name: string; created?: boolean; member: boolean }> }>;
  health: HealthResult[];
  healthy: boolean;
  outputs: ClusterOutputValue[];
}

/** `cluster status`: each role's servers (created? member?), every health check once, and the outputs. */
export async function clusterStatus(ctx: ClusterContext, name: string): Promise<ClusterStatus> {
  const resolved = resolveCluster(ctx, ctx.infra, name);
  const records = new Map(
    (await ctx.store.listServers(ctx.infra.name)).map((record) => [record.name, record]),
  );
  const roles = [];
  for (const role of resolved.definition.roles) {
    const installed = await installedMembers(ctx, name, role.name);
    roles.push({
      name: role.name,
      servers: (resolved.roles[role.name] ?? []).map((server) => {
        const provider = ctx.infra.servers.find((s) => s.name === server)?.provider ?? 'static';
        return {
          name: server,
          ...(EXISTING_SERVER_PROVIDERS.has(provider)
            ? {}
            : { created: records.get(server)?.status === 'created' }),
          member: installed.has(server),
        };
      }),
    });
  }
  const notReady = roles
    .flatMap((role) => role.servers)
    .filter((server) => server.created === false || !server.member);
  if (notReady.length > 0)
    return {
      infra: ctx.infra.name,
      cluster: name,
      extension: resolved.definition.name,
      roles,
      health: [],
      healthy: false,
      outputs: [],
    };
  const run = await openClusterRun(ctx, resolved);
  try {
    const health = await runHealthChecks(resolved, run, { wait: false, signal: ctx.signal });
    const healthy = health.every((check) => check.healthy);
    const outputs = healthy ? await readClusterOutputs(resolved, run, ctx.workspaceRoot, ctx.signal) : [];
    return {
      infra: ctx.infra.name,
      cluster: name,
      extension: resolved.definition.name,
      roles,
      health,
      healthy,
      outputs,
    };
  } finally {
    await run.close();
  }
}

export interface ClusterDeleteResult {
  infra: string;
  cluster: string;
  run?: RunResult;
  /** Servers whose cluster taskservs were removed. */
  servers: string[];
}

/**
 * `cluster delete`: removes what the cluster put on its servers (later roles first) and its saved
 * outputs. Servers stay; `server delete` deletes the ones a provider created.
 */
export async function deleteCluster(ctx: ClusterContext, name: string): Promise<ClusterDeleteResult> {
  const resolved = resolveCluster(ctx, ctx.infra, name);
  const leaving = await leavingMembers(ctx, resolved);
  const members = new Set<string>();
  for (const role of resolved.definition.roles)
    for (const server of [...(await installedMembers(ctx, name, role.name))]) members.add(server);
  const result: ClusterDeleteResult = { infra: ctx.infra.name, cluster: name, servers: [...members] };
  if (members.size > 0) {
    const run = await openClusterRun(ctx, resolved, leaving);
    try {
      result.run = await apply(run.runContext('remove', members, run.entries), {
        command: `cluster ${name} delete`,
      });
    } finally {
      await run.close();
    }
    if (result.run.status !== 'succeeded') return result;
  }
  rmSync(clusterOutputDir(ctx.workspaceRoot, name), { recursive: true, force: true });
  return result;
}
