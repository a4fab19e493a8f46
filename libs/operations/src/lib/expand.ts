import { DefinitionError, resolveTaskservOperations } from '@provisioning/sdk';
import type { Operation, TaskservContext, TaskservDefinition } from '@provisioning/sdk';

export interface ExpandOptions {
  /** Finds a task service by name (from the workspace's installed extensions). */
  resolve(name: string): TaskservDefinition | undefined;
  /** The host context the sub-runs get (their own params come from each `taskserv(...)` operation). */
  context: Omit<TaskservContext<unknown>, 'params'>;
  action?: 'install' | 'remove';
}

/**
 * Replaces every `taskserv` operation by the operations of that task service, run with its own
 * params. Ids are prefixed with the sub-run's id (`k3s/containerd/package:containerd`) so they
 * stay unique, and a reference to the sub-run (`after`, `restartOn`) means all of its operations.
 */
export function expandOperations(operations: readonly Operation[], options: ExpandOptions): Operation[] {
  return expand(operations, options, []);
}

function expand(operations: readonly Operation[], options: ExpandOptions, stack: string[]): Operation[] {
  const groups = new Map<string, string[]>();
  const result: Operation[] = [];
  for (const op of operations) {
    if (op.kind !== 'taskserv') {
      result.push(withReferences(op, groups));
      continue;
    }
    if (stack.includes(op.name)) {
      throw new DefinitionError(
        `Task service sub-runs form a cycle: ${[...stack, op.name].join(' -> ')}; remove one of the taskserv operations`,
      );
    }
    const definition = options.resolve(op.name);
    if (!definition)
      throw new DefinitionError(
        `Operation "${op.id}" runs task service "${op.name}", which is not installed in this workspace; add the extension first`,
      );
    const inner = resolveTaskservOperations(definition, options.action ?? 'install', {
      ...options.context,
      params: op.params,
    });
    // The sub-run waits for what the taskserv operation waits for: earlier sub-runs mean all their operations.
    const parentAfter = widen(op.after, groups);
    const expanded = expand(inner, options, [...stack, op.name]).map((child) =>
      prefixed(child, op.id, inner, parentAfter),
    );
    groups.set(
      op.id,
      expanded.map((child) => child.id),
    );
    result.push(...expanded);
  }
  return result;
}

/** Moves a sub-run's operation under the sub-run's id, keeping its references to siblings. */
function prefixed(
  child: Operation,
  prefix: string,
  siblings: readonly Operation[],
  parentAfter: readonly string[] = [],
): Operation {
  const siblingIds = new Set(siblings.map((op) => op.id));
  const rename = (id: string) => (siblingIds.has(id.split('/')[0]) ? `${prefix}/${id}` : id);
  const after = [...parentAfter, ...(child.after ?? []).map(rename)];
  const moved = { ...child, id: `${prefix}/${child.id}`, ...(after.length ? { after } : {}) } as Operation;
  if (moved.kind === 'service' && moved.restartOn)
    return { ...moved, restartOn: moved.restartOn.map(rename) };
  return moved;
}

const widen = (ids: readonly string[] | undefined, groups: ReadonlyMap<string, string[]>) =>
  ids?.flatMap((id) => groups.get(id) ?? [id]);

function withReferences(op: Operation, groups: ReadonlyMap<string, string[]>): Operation {
  const after = widen(op.after, groups);
  const moved = (after ? { ...op, after } : op) as Operation;
  if (moved.kind === 'service' && moved.restartOn)
    return { ...moved, restartOn: widen(moved.restartOn, groups) };
  return moved;
}
