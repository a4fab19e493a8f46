import type { Infra } from '@provisioning/config';
import { entryServers } from '../steps/build-steps';

/**
 * The servers each taskserv entry of the infra targets (its own servers/selector and cluster
 * roles), by entry name, as the engine expands them. Needs no definitions, so listing never fails
 * on an entry whose taskserv is not available here.
 */
export function taskservTargets(infra: Infra): Map<string, string[]> {
  const targets = entryServers(infra);
  return new Map(
    infra.taskservs.map((entry) => [
      entry.name,
      (targets.get(entry.name) ?? []).map((server) => server.name),
    ]),
  );
}
