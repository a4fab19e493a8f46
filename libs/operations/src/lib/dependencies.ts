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

/** Whether two operations act on the same paths (after normalising: `/etc/app/` is `/etc/app`). */
export function samePaths(a: PlannableOperation, b: PlannableOperation): boolean {
  const first = pathsOf(a);
  const second = pathsOf(b);
  return first.length === second.length && first.every((path, index) => path === second[index]);
}

/**
 * useradd/userdel also create and remove the user's own group, and group changes alter what a
 * user's facts show: a user or group operation on a name an earlier account operation touches is
 * planned from fresh facts (a group removed after its user was removed is already gone).
 */
function sharesAccounts(later: PlannableOperation, earlier: PlannableOperation): boolean {
  const names = (op: PlannableOperation): string[] => {
    if (op.kind === 'user') return [op.name, ...(op.group ? [op.group] : []), ...(op.groups ?? [])];
    if (op.kind === 'group') return [op.name];
    return [];
  };
  const earlierNames = new Set(names(earlier));
  return names(later).some((name) => earlierNames.has(name));
}
