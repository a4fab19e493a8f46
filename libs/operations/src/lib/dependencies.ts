import { posix } from 'node:path';
import type { PlannableOperation } from '../kinds/registry';
import { handlerFor } from '../kinds/registry';

/** Kinds whose effects on the host are not limited to their own target (a package ships files, users, units). */
const OPAQUE_KINDS = new Set<PlannableOperation['kind']>(['package', 'shell']);
/** Kinds that change what lies below their path, not only the path itself. */
const SUBTREE_KINDS = new Set<PlannableOperation['kind']>(['absent', 'link']);

/**
 * Whether `later`'s facts may differ once `earlier` is applied. When `earlier` will (or may) change,
 * such an operation is "known after apply": it is planned again from fresh facts during apply
 * instead of being guessed from stale ones.
 */
export function readsAfterChangeOf(later: PlannableOperation, earlier: PlannableOperation): boolean {
  if (later.after?.includes(earlier.id)) return true;
  if (OPAQUE_KINDS.has(earlier.kind)) return true;
  if (sharesAccounts(later, earlier)) return true;
  const laterPaths = pathsOf(later);
  const earlierPaths = pathsOf(earlier);
  return laterPaths.some((path) =>
    earlierPaths.some(
      (written) => path === written || (SUBTREE_KINDS.has(earlier.kind) && path.startsWith(`${written}/`)),
    ),
  );
}

const normalise = (path: string) => posix.normalize(path).replace(/(.)\/+$/, '$1');

const normalisedPaths = new WeakMap<PlannableOperation, readonly string[]>();

/**
 * The paths an operation reads and writes, normalised, computed once per operation: planning asks
 * for them for every pair of a host's operations (at 200 hosts × 50 operations, half a million
 * arrays and strings of garbage otherwise).
 */
function pathsOf(op: PlannableOperation): readonly string[] {
  let paths = normalisedPaths.get(op);
  if (!paths) {
    paths = handlerFor(op).paths(op).map(normalise);
    normalisedPaths.set(op, paths);
  }
  return paths;
}

/** The operation's paths as one key: two operations have the same key exactly when samePaths holds. */
export const pathKey = (op: PlannableOperation): string => pathsOf(op).join('\0');

/** Whether two operations act on the same paths (after normalising: `/etc/app/` is `/etc/app`). */
export function samePaths(a: PlannableOperation, b: PlannableOperation): boolean {
  const first = pathsOf(a);
  const second = pathsOf(b);
  return first.length === second.length && first.every((path, index) => path === second[index]);
}

/**
 * A host plan's pending operations so far (changing, or known after apply), indexed by what makes
 * a later operation read after them: its `after` ids, opaque kinds, account names, paths and the
 * directories above them. `blockersOf` gives exactly what comparing with each one would (it checks
 * every candidate with readsAfterChangeOf) without that comparison per pair: at 200 operations
 * the pairwise scan was a good part of planning's CPU.
 */
export class PendingOperations<T extends { id: string; operation: PlannableOperation }> {
  private readonly order = new Map<T, number>();
  private readonly byId = new Map<string, T>();
  private readonly opaque: T[] = [];
  private readonly byName = new Map<string, T[]>();
  private readonly byPath = new Map<string, T[]>();

  add(entry: T): void {
    this.order.set(entry, this.order.size);
    this.byId.set(entry.id, entry);
    if (OPAQUE_KINDS.has(entry.operation.kind)) this.opaque.push(entry);
    for (const name of accountNames(entry.operation)) push(this.byName, name, entry);
    for (const path of pathsOf(entry.operation)) push(this.byPath, path, entry);
  }

  /** The pending operations `later` reads after (readsAfterChangeOf), in the order they were added. */
  blockersOf(later: PlannableOperation): T[] {
    const candidates = new Set<T>(this.opaque);
    for (const id of later.after ?? []) {
      const entry = this.byId.get(id);
      if (entry) candidates.add(entry);
    }
    for (const name of accountNames(later))
      for (const entry of this.byName.get(name) ?? []) candidates.add(entry);
    for (const path of pathsOf(later)) {
      // The path itself, and every directory above it (what an absent or link there replaces).
      for (let at = path, up = posix.dirname(path); ; at = up, up = posix.dirname(up)) {
        for (const entry of this.byPath.get(at) ?? []) candidates.add(entry);
        if (up === at) break;
      }
    }
    return [...candidates]
      .filter((entry) => readsAfterChangeOf(later, entry.operation))
      .sort((a, b) => (this.order.get(a) ?? 0) - (this.order.get(b) ?? 0));
  }
}

function push<T>(index: Map<string, T[]>, key: string, entry: T): void {
  const list = index.get(key);
  if (list) list.push(entry);
  else index.set(key, [entry]);
}

const accountNames = (op: PlannableOperation): string[] => {
  if (op.kind === 'user') return [op.name, ...(op.group ? [op.group] : []), ...(op.groups ?? [])];
  if (op.kind === 'group') return [op.name];
  return [];
};

/**
 * useradd/userdel also create and remove the user's own group, and group changes alter what a
 * user's facts show: a user or group operation on a name an earlier account operation touches is
 * planned from fresh facts (a group removed after its user was removed is already gone).
 */
function sharesAccounts(later: PlannableOperation, earlier: PlannableOperation): boolean {
  const earlierNames = new Set(accountNames(earlier));
  return accountNames(later).some((name) => earlierNames.has(name));
}
