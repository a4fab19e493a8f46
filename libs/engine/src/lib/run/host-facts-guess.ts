import type { HostFacts } from '@provisioning/sdk';
import { paramsHash } from '@provisioning/store';

const FAMILIES: ReadonlySet<string> = new Set(['debian', 'rhel', 'alpine', 'unknown']);

/** Remembered host facts (JSON from the state store) as HostFacts, or undefined when they are not of that shape. */
export function asHostFacts(value: unknown): HostFacts | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const facts = value as Record<string, unknown>;
  const strings = ['hostname', 'osId', 'osVersion', 'arch'] as const;
  if (!strings.every((key) => typeof facts[key] === 'string')) return undefined;
  if (typeof facts.osFamily !== 'string' || !FAMILIES.has(facts.osFamily)) return undefined;
  const ssh = facts.ssh as Record<string, unknown> | undefined;
  const validSsh =
    ssh !== null &&
    typeof ssh === 'object' &&
    typeof ssh.clientAddress === 'string' &&
    typeof ssh.serverPort === 'number';
  if (ssh !== undefined && !validSsh) return undefined;
  return {
    hostname: facts.hostname as string,
    osFamily: facts.osFamily as HostFacts['osFamily'],
    osId: facts.osId as string,
    osVersion: facts.osVersion as string,
    arch: facts.arch as string,
    ...(validSsh
      ? { ssh: { clientAddress: ssh.clientAddress as string, serverPort: ssh.serverPort as number } }
      : {}),
  };
}

/**
 * Whether two readings of a host's facts are the same in every field (all of them, so a field
 * HostFacts gains later is compared too, and a guess that lacks it never passes): their canonical
 * JSON (keys sorted) hashes equal.
 */
export function sameHostFacts(a: HostFacts, b: HostFacts): boolean {
  return paramsHash(a) === paramsHash(b);
}
