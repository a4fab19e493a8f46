import type { Infra } from '@provisioning/config';
import type { TaskservDefinition } from '@provisioning/sdk';
import { buildSteps } from '../steps/build-steps';

/**
 * The servers each taskserv entry of the infra targets (its own servers/selector and cluster
 * roles), by entry name, as the engine expands them. Listing must not fail on an entry whose
 * taskserv is not available here, so those get a stand-in definition: only its (empty)
 * dependencies are read, to order steps.
 */
export function taskservTargets(
  infra: Infra,
  definitions: ReadonlyMap<string, TaskservDefinition>,
): Map<string, string[]> {
  const steps = buildSteps(
    infra,
    (entry) =>
      definitions.get(entry.taskserv) ??
      ({ name: entry.taskserv, dependsOn: [] } as unknown as TaskservDefinition),
  );
  const targets = new Map<string, string[]>(infra.taskservs.map((entry) => [entry.name, []]));
  for (const step of steps) targets.get(step.entry.name)?.push(step.server.name);
  return targets;
}
