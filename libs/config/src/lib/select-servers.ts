import type { Infra, Server } from './workspace/model';

/** Which servers something targets: listed names, plus every server whose labels all match. */
export interface ServerSelector {
  servers?: readonly string[];
  selector?: Readonly<Record<string, string>>;
}

export function matchesLabels(
  server: Pick<Server, 'labels'>,
  selector: Readonly<Record<string, string>>,
): boolean {
  return Object.entries(selector).every(([key, value]) => server.labels[key] === value);
}

/**
 * The servers of `infra` a taskserv, cluster role or command targets, in the infra's order and
 * without duplicates. An empty selector `{}` selects nothing rather than everything, so a missing
 * `servers:`/`selector:` never means "all hosts".
 */
export function selectServers(infra: Pick<Infra, 'servers'>, target: ServerSelector): Server[] {
  const names = new Set(target.servers ?? []);
  const selector = target.selector;
  const useSelector = selector !== undefined && Object.keys(selector).length > 0;
  return infra.servers.filter(
    (server) => names.has(server.name) || (useSelector && matchesLabels(server, selector)),
  );
}
