import type { InfraHandle } from '@provisioning/engine';
import { CliError } from '../../cli/errors';

/**
 * Fails when the entry would run nowhere (it targets no server, or none of --servers), which a
 * plan would otherwise report as "no changes" and an apply as an empty success. An entry the infra
 * lacks is left to the engine, whose error lists the known ones.
 */
export function assertEntryTargetsHosts(
  infra: InfraHandle,
  name: string,
  selection: string | undefined,
): void {
  if (!infra.definition.taskservs.some((entry) => entry.name === name)) return;
  const targets = infra.taskservTargets().get(name) ?? [];
  const selectedServers = new Set(infra.selectServers(selection));
  const selected = targets.filter((host) => selectedServers.has(host));
  if (selected.length > 0) return;
  if (targets.length === 0) {
    throw new CliError(
      `taskserv entry ${name} of infra ${infra.name} targets no server`,
      'give it servers: or a selector: that matches servers of the infra',
    );
  }
  throw new CliError(
    `taskserv entry ${name} targets none of the servers --servers ${selection} selects`,
    `it runs on: ${targets.join(', ')}`,
  );
}
