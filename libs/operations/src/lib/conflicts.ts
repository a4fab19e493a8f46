import { DefinitionError } from '@provisioning/sdk';
import type { Operation } from '@provisioning/sdk';

/** Kinds that own a path's whole content. */
const WHOLE_CONTENT = new Set<Operation['kind']>(['file', 'template', 'download', 'link']);

/**
 * Operations that would fight on every apply (two owners of one file, or a line edit of a file
 * another operation rewrites whole) never converge; refuse them before touching the host.
 */
export function assertNoConflicts(host: string, operations: readonly Operation[]): void {
  const owners = new Map<string, string>();
  const problems: string[] = [];
  for (const op of operations) {
    if (!('path' in op) || op.kind === 'directory' || op.kind === 'absent') continue;
    const owner = owners.get(op.path);
    if (owner && (WHOLE_CONTENT.has(op.kind) || op.kind === 'line')) {
      problems.push(
        `"${op.id}" and "${owner}" both write ${op.path}; ${op.kind === 'line' ? 'put the line into the file content' : 'keep one of them'}`,
      );
    }
    if (WHOLE_CONTENT.has(op.kind) && !owner) owners.set(op.path, op.id);
  }
  if (problems.length)
    throw new DefinitionError(
      `Operations for host "${host}" conflict and would change the host on every apply`,
      problems,
    );
}

/** `after` and `restartOn` must name operations of the same host run, earlier in order. */
export function assertReferences(host: string, operations: readonly Operation[]): void {
  const earlier = new Set<string>();
  const problems: string[] = [];
  for (const op of operations) {
    const references = [...(op.after ?? []), ...(op.kind === 'service' ? (op.restartOn ?? []) : [])];
    for (const id of references) {
      if (!earlier.has(id)) {
        const exists = operations.some((other) => other.id === id);
        problems.push(
          `"${op.id}" refers to "${id}", which ${exists ? 'comes after it; reorder the operations' : 'is not an operation of this host'}`,
        );
      }
    }
    earlier.add(op.id);
  }
  if (problems.length)
    throw new DefinitionError(
      `Operations for host "${host}" refer to operations they cannot follow`,
      problems,
    );
}
