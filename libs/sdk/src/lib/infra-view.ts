import { DefinitionError } from './operations/errors';
import type { HostFacts, InfraServerView, InfraView } from './taskserv';

/**
 * The infra view of a task service that cannot be planned without it (cluster members, scrape
 * targets, a primary's address); refuses with what to do when the caller did not pass one.
 */
export function requireInfraView(
  ctx: { infra?: InfraView | undefined; host: Pick<HostFacts, 'hostname'> },
  taskserv: string,
): InfraView {
  if (ctx.infra) return ctx.infra;
  throw new DefinitionError(
    `taskserv ${taskserv} on ${ctx.host.hostname}: needs the infra's servers (TaskservContext.infra), which this caller did not pass`,
    ['run it through the engine (plan/apply of an infra), or pass `infra` when resolving it in a test'],
  );
}

/** Servers that run an entry of the task service `taskserv` (by extension name), in infra order. */
export function serversRunning(infra: InfraView, taskserv: string): InfraServerView[] {
  return infra.servers.filter((server) => server.taskservs.some((entry) => entry.taskserv === taskserv));
}

/** The address of a server, or a DefinitionError naming the server and why there is none. */
export function serverAddress(infra: InfraView, server: string, taskserv: string): string {
  const found = infra.servers.find((candidate) => candidate.name === server);
  if (!found) {
    throw new DefinitionError(`taskserv ${taskserv}: infra "${infra.name}" has no server "${server}"`, [
      `servers: ${infra.servers.map((candidate) => candidate.name).join(', ') || 'none'}`,
    ]);
  }
  if (!found.address) {
    throw new DefinitionError(`taskserv ${taskserv}: server "${server}" has no address yet`, [
      'create it first (provisioning server create), or set its address in the infra',
    ]);
  }
  return found.address;
}
