import type { Infra, TaskservRef } from '@provisioning/config';
import type { ResolvedCluster } from './resolve-cluster';

/** The entry name of a taskserv a cluster places on one server of a role (what the state store records). */
export function clusterEntryName(cluster: string, role: string, server: string, index: number): string {
  return `${cluster}-${role}-${server}${index > 0 ? `-${index}` : ''}`;
}

/** Whether an installed entry name belongs to `server` in `role` of `cluster`. */
export function isClusterEntryOf(name: string, cluster: string, role: string, server: string): boolean {
  const base = `${cluster}-${role}-${server}`;
  return name === base || new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-\\d+$`).test(name);
}

/**
 * The taskserv entries a cluster places, one per (role, server, taskserv): a role's entries depend
 * on every entry of the earlier roles, and within a role the other servers' on the first's, so
 * the engine's waves apply the roles in order. `extra` adds servers that are leaving a role (to
 * remove what the role put on them).
 */
export function clusterEntries(
  resolved: ResolvedCluster,
  infra: Infra,
  extra: Record<string, string[]> = {},
): TaskservRef[] {
  const addresses = Object.fromEntries(
    infra.servers.map((server) => [server.name, server.address ?? server.name]),
  );
  const entries: TaskservRef[] = [];
  let earlier: string[] = [];
  for (const role of resolved.definition.roles) {
    const members = resolved.roles[role.name] ?? [];
    const servers = [...members, ...(extra[role.name] ?? []).filter((server) => !members.includes(server))];
    const roleEntries: string[] = [];
    let firstEntries: string[] = [];
    servers.forEach((server, index) => {
      const taskservs = role.taskservs({
        params: resolved.params,
        cluster: resolved.cluster.name,
        servers: resolved.roles,
        server,
        index,
        addresses,
      });
      const names = taskservs.map((_, position) =>
        clusterEntryName(resolved.cluster.name, role.name, server, position),
      );
      taskservs.forEach((placed, position) => {
        entries.push({
          name: names[position],
          taskserv: placed.taskserv,
          servers: [server],
          params: placed.params,
          depends_on: [...earlier, ...(index > 0 ? firstEntries : []), ...names.slice(0, position)],
          resolved: { values: placed.params, origins: {} },
          source: resolved.cluster.source,
        });
      });
      if (index === 0) firstEntries = names;
      roleEntries.push(...names);
    });
    earlier = [...earlier, ...roleEntries];
  }
  return entries;
}
