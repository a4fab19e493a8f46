import { CliError } from '../../cli/errors';
import type { InfraSession } from '../../session/infra-session';
import { taskservTargets } from '../../session/taskserv-targets';

/**
 * Fails when the entry would run nowhere (it targets no server, or none of --servers), which a
 * plan would otherwise report as "no changes" and an apply as an empty success. An entry the infra
 * lacks is left to the engine, whose error lists the known ones.
 */
export function assertEntryTargetsHosts(session: InfraSession, name: string, selection: string | undefined): void {
  if (!session.infra.taskservs.some((entry) => entry.name === name)) return;
  const targets = taskservTargets(session.infra, session.taskservDefinitions).get(name) ?? [];
  const selected = targets.filter((host) => !session.servers || session.servers.has(host));
  if (selected.length > 0) return;
  if (targets.length === 0) {
    throw new CliError(`taskserv entry ${name} of infra ${session.infra.name} targets no server`, 'give it servers: or a selector: that matches servers of the infra');
  }
  throw new CliError(`taskserv entry ${name} targets none of the servers --servers ${selection} selects`, `it runs on: ${targets.join(', ')}`);
}
