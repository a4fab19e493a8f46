import { type InstalledTaskserv, openState } from '@provisioning/engine';
import type { z } from 'zod';
import type { hostInventorySchema } from '../api/schemas';

/** The answer of its route, as the OpenAPI document describes it. */
export type HostInventory = z.output<typeof hostInventorySchema>;

/**
 * What the workspace's state records as installed, by infra and host, newest first: read from the
 * store without loading the infra files or reaching any host.
 */
export async function hostInventory(workspace: string, infra?: string): Promise<HostInventory> {
  const state = openState({ workspace, infra });
  try {
    return { infras: byInfraAndHost(await state.installedTaskservs(), state.infra ?? state.infraNames) };
  } finally {
    await state.close();
  }
}

function byInfraAndHost(
  records: InstalledTaskserv[],
  infras: string | readonly string[],
): HostInventory['infras'] {
  const names = typeof infras === 'string' ? [infras] : [...infras];
  return names.map((name) => {
    const hosts = new Map<string, InstalledTaskserv[]>();
    for (const record of records.filter((r) => r.infra === name))
      hosts.set(record.host, [...(hosts.get(record.host) ?? []), record]);
    return {
      name,
      hosts: [...hosts.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([host, installed]) => {
          const newestFirst = installed.sort((a, b) => b.installedAt.getTime() - a.installedAt.getTime());
          return {
            host,
            lastInstalledAt: newestFirst[0].installedAt.toISOString(),
            taskservs: newestFirst.map(({ name: taskserv, version, installedAt, runId }) => ({
              name: taskserv,
              version,
              installedAt: installedAt.toISOString(),
              runId,
            })),
          };
        }),
    };
  });
}
