import { handlerFor, type PlannableOperation } from '../../kinds/registry';
import { pathKey } from '../dependencies';
import type { PlannedOperation } from '../plan';

/** A chain's operations on one path so far, and the last prediction folded over them. */
interface PathHistory {
  ops: PlannedOperation[];
  kinds: Set<string>;
  /** Every one of them can say what the path looks like after it changes (line edits). */
  predictable: boolean;
  fold?: { fingerprint: string; through: number; state: unknown; changed: boolean };
}

/**
 * The states a known-after-apply operation may find its path in, when its kind has a cheap state
 * probe: as planned, and as the earlier edits of the same path in this chain leave it if they
 * change (line edits predict their result). Undefined when the kind has no probe; only the planned
 * state when another kind also writes the path earlier (its result is not predicted).
 *
 * The chain is compiled in order: `statesFor` an operation, then `add` it. Each path keeps its fold
 * of earlier edits, so the n-th edit of one file continues from the (n-1)-th instead of folding
 * all before it again (200 edits of a file cost 200 predictions, not 20,000).
 */
export class PathPredictions {
  private readonly paths = new Map<string, PathHistory>();

  constructor(private readonly certain: (id: string) => boolean) {}

  statesFor(op: PlannedOperation): unknown[] | undefined {
    const handler = handlerFor(op.operation);
    if (!handler.stateProbe || op.facts === undefined || !op.provisional) return undefined;
    const history = this.paths.get(pathKey(op.operation));
    if (!history) return [op.facts];
    if (!history.predictable || history.kinds.size > 1 || !history.kinds.has(op.kind)) return [op.facts];
    // Operations on one path planned from the same facts (one read) continue one fold.
    let fold = history.fold;
    if (!fold || op.fingerprint === undefined || fold.fingerprint !== op.fingerprint)
      fold = { fingerprint: op.fingerprint ?? '', through: 0, state: op.facts, changed: false };
    for (; fold.through < history.ops.length; fold.through++) {
      const earlier: PlannableOperation = history.ops[fold.through].operation;
      const earlierHandler = handlerFor(earlier);
      const change = earlierHandler.diff(earlier, fold.state as never, { changed: this.certain });
      if (!change.changed || change.problem) continue;
      const after: unknown = earlierHandler.factsAfterChange?.(earlier, fold.state as never) ?? fold.state;
      if (after !== fold.state) fold = { ...fold, state: after, changed: true };
    }
    if (op.fingerprint !== undefined) history.fold = fold;
    return fold.changed ? [fold.state, op.facts] : [op.facts];
  }

  /** Records the chain's next operation (after any `statesFor` it). */
  add(op: PlannedOperation): void {
    const key = pathKey(op.operation);
    if (key === '') return;
    let history = this.paths.get(key);
    if (!history) {
      history = { ops: [], kinds: new Set(), predictable: true };
      this.paths.set(key, history);
    }
    history.ops.push(op);
    history.kinds.add(op.kind);
    if (!handlerFor(op.operation).factsAfterChange) history.predictable = false;
  }
}
