import { type JumpHop, parseJumpHosts } from '../schema/connection-fields';

/** One hop on the way to a server: another server of the infra, or an address written in place. */
export type JumpStep = { server: string } | { hop: JumpHop };

export type JumpChain = { ok: true; steps: JumpStep[] } | { ok: false; problem: string };

/** Longer chains are refused: no real network needs them, and it bounds the walk on hostile input. */
export const MAX_JUMP_HOPS = 16;

interface JumpSource {
  jump_host?: string;
}

/**
 * The full ProxyJump chain of a server, first hop first. A hop that names a server of the infra
 * brings that server's own chain in front of it (web → bastion → outer is reached as outer,
 * bastion, web); a cycle or a chain longer than MAX_JUMP_HOPS is a problem, never a hang.
 */
export function jumpChainOf(name: string, servers: ReadonlyMap<string, JumpSource>): JumpChain {
  const steps: JumpStep[] = [];
  const problem = expand(name, servers, [name], steps);
  return problem ? { ok: false, problem } : { ok: true, steps };
}

function expand(
  name: string,
  servers: ReadonlyMap<string, JumpSource>,
  path: string[],
  steps: JumpStep[],
): string | undefined {
  const jumpHost = servers.get(name)?.jump_host;
  if (jumpHost === undefined || jumpHost.includes('{{')) return undefined;
  const hops = parseJumpHosts(jumpHost);
  if (typeof hops === 'string') return undefined; // reported by the schema
  for (const hop of hops) {
    const isServer = hop.user === undefined && hop.port === undefined && servers.has(hop.host);
    if (!isServer) {
      steps.push({ hop });
    } else {
      if (path.includes(hop.host)) return `jump hosts form a cycle: ${[...path, hop.host].join(' -> ')}`;
      if (path.length > MAX_JUMP_HOPS)
        return `the jump chain of "${path[0]}" is longer than ${MAX_JUMP_HOPS} hops`;
      const problem = expand(hop.host, servers, [...path, hop.host], steps);
      if (problem) return problem;
      steps.push({ server: hop.host });
    }
    if (steps.length > MAX_JUMP_HOPS)
      return `the jump chain of "${path[0]}" is longer than ${MAX_JUMP_HOPS} hops`;
  }
  return undefined;
}
