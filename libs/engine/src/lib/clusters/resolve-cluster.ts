import { type Cluster, type Infra, selectServers } from '@provisioning/config';
import { checkClusterRoles, type ClusterDefinition, parseClusterParams } from '@provisioning/sdk';
import { EngineError } from '../errors';
import type { ClusterContext } from './cluster-context';

/** A cluster of the infra bound to its extension: params validated, servers of each role in infra order. */
export interface ResolvedCluster {
  cluster: Cluster;
  definition: ClusterDefinition;
  params: unknown;
  /** Servers by role name, in the extension's role order (roles without servers included as []). */
  roles: Record<string, string[]>;
  /** Every server of the cluster, in role order. */
  servers: string[];
}

export function resolveCluster(ctx: ClusterContext, infra: Infra, name: string): ResolvedCluster {
  const cluster = infra.clusters.find((candidate) => candidate.name === name);
  if (!cluster) {
    throw new EngineError(
      `infra "${infra.name}" has no cluster "${name}"`,
      `clusters: ${infra.clusters.map((c) => c.name).join(', ') || 'none; add one under clusters: in infra/<name>/*.yaml'}`,
    );
  }
  const where = `${cluster.source.file}:${cluster.source.line}:${cluster.source.col}`;
  if (!cluster.cluster) {
    throw new EngineError(
      `${where} cluster "${name}" names no cluster extension, so it is only a grouping of servers`,
      'add `cluster: k3s-cluster` (see docs/clusters.md), or apply its taskservs with `provisioning apply`',
    );
  }
  const definition = ctx.resolveCluster(cluster.cluster);
  if (!definition)
    throw new EngineError(
      `${where} cluster extension "${cluster.cluster}" is not installed`,
      'docs/clusters.md lists the clusters this installation ships',
    );
  const roles: Record<string, string[]> = {};
  for (const [role, spec] of Object.entries(cluster.roles))
    roles[role] = selectServers(infra, spec).map((server) => server.name);
  try {
    checkClusterRoles(definition, name, roles);
    const params = parseClusterParams(definition, cluster.params, name);
    const ordered: Record<string, string[]> = {};
    for (const role of definition.roles) ordered[role.name] = roles[role.name] ?? [];
    return {
      cluster,
      definition,
      params,
      roles: ordered,
      servers: [...new Set(Object.values(ordered).flat())],
    };
  } catch (error) {
    throw new EngineError(
      `${where} ${(error as Error).message}`,
      `the roles and params of ${definition.name} are in its README`,
    );
  }
}
