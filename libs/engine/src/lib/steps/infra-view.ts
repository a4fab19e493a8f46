import type { Infra } from '@provisioning/config';
import type { InfraView } from '@provisioning/sdk';
import { entryServers, type TaskservResolver } from './build-steps';

/**
 * What a task service learns about the rest of the infra (`TaskservContext.infra`): every server
 * with its address, labels and the taskserv entries placed on it, whichever servers the run
 * selected. Names and places only: params (which may hold secrets) never go in.
 */
export function infraView(infra: Infra, resolve: TaskservResolver): Omit<InfraView, 'server'> {
  const targets = entryServers(infra);
  const placed = (server: string) =>
    infra.taskservs
      .filter((entry) => (targets.get(entry.name) ?? []).some((target) => target.name === server))
      .map((entry) => ({ name: entry.name, taskserv: resolve(entry)?.name ?? entry.taskserv }));
  return {
    name: infra.name,
    servers: infra.servers.map((server) => ({
      name: server.name,
      ...(server.address ? { address: server.address } : {}),
      labels: { ...server.labels },
      taskservs: placed(server.name),
    })),
  };
}
