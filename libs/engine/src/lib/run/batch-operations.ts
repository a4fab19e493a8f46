import { expandOperations } from '@provisioning/operations';
import {
  type HostFacts,
  type InfraView,
  type Operation,
  taskserv,
  type TaskservDefinition,
} from '@provisioning/sdk';
import type { RunAction } from './engine-events';
import type { PreparedStep } from './prepare-run';

export type OutputsBook = Map<string, Readonly<Record<string, string>>>;

/**
 * The operations of all steps a host runs in one batch, as one list: each step becomes a sub-run
 * named after its taskserv entry, so operation ids read `redis/file:/etc/redis/redis.conf` and
 * stay unique across steps, and a step's `depends_on` on the same host orders its operations.
 */
export function batchOperations(
  steps: readonly PreparedStep[],
  context: {
    host: HostFacts;
    secrets: Readonly<Record<string, string>>;
    outputs: OutputsBook;
    action: RunAction;
    /** The infra's servers and taskservs; `server` is filled with the batch's host. */
    infra?: Omit<InfraView, 'server'>;
  },
): Operation[] {
  const entryNames = new Set(steps.map((step) => step.entry.name));
  const definitions = new Map<string, TaskservDefinition>(
    steps.map((step) => [step.definition.name, step.definition]),
  );
  const wrappers = steps.map((step) => {
    const sameHostDependencies = step.entry.depends_on.filter((name) => entryNames.has(name));
    return taskserv({
      id: step.entry.name,
      name: step.definition.name,
      params: step.runtimeParams,
      ...(context.action === 'install' && sameHostDependencies.length ? { after: sameHostDependencies } : {}),
    });
  });
  return expandOperations(wrappers, {
    resolve: (name) => definitions.get(name),
    action: context.action,
    context: {
      host: context.host,
      secrets: context.secrets,
      outputs: (name) => context.outputs.get(name),
      ...(context.infra ? { infra: { ...context.infra, server: steps[0]?.server.name ?? '' } } : {}),
    },
  });
}

/** The step an operation of a batch belongs to (its id's first segment is the taskserv entry). */
export function stepOfOperation(operationId: string): string {
  return operationId.split('/')[0];
}
