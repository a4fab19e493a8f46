import { createHash } from 'node:crypto';
import type { Executor, HostFacts, Operation, OperationKind } from '@provisioning/sdk';
import { redact } from '@provisioning/sdk';
import { resolveFileSource } from '../kinds/file';
import { isUnguarded } from '../kinds/shell';
import type { PlannableOperation } from '../kinds/registry';
import { handlerFor } from '../kinds/registry';
import { renderTemplate } from '../kinds/template';
import { assertNoConflicts, assertReferences } from './conflicts';
import { PendingOperations, samePaths } from './dependencies';
import { FactsGatheringError, tail } from './errors';
import { HOST_FACTS_SCRIPT, parseHostFacts } from './host-facts';
import { pathsPrelude } from './path-facts';
import type { Change, DiffContext } from './handler';
import type { SectionOutput } from './sections';
import { composeFactsScript, newMarker, parseSections, SCRIPT_COMMAND, uniqueSections } from './sections';

export type PlannedStatus = 'unchanged' | 'change' | 'known-after-apply' | 'error';

export interface PlannedOperation {
  id: string;
  /** The kind as written (a template stays "template" here though it is planned as a file). */
  kind: OperationKind;
  status: PlannedStatus;
  summary: string;
  /** Unified diff of file content, secrets redacted; absent for sensitive files. */
  diff?: string;
  /** Why the operation is known after apply, or why it cannot run (status "error"). */
  reason?: string;
  /** The prepared operation (templates rendered, local sources read) that apply runs. */
  operation: PlannableOperation;
  /** Raw facts read from the host; internal to apply, may hold file contents: never log it. */
  facts?: unknown;
  /**
   * sha256 of the facts this operation was planned from (as the host printed them). Apply re-reads
   * them in its own round trip and refuses the host, changing nothing, when they differ. Safe to save.
   */
  fingerprint?: string;
  /** Those facts as text, for the host to compare in place; internal like `facts` (file contents): never log or save it. */
  observed?: string;
  /**
   * For a known-after-apply operation: what the host's facts at plan time say it would do. Apply
   * decides it on the host when its turn comes; if the facts are still these, this is what happens.
   */
  provisional?: Provisional;
  /** An unguarded shell command: it runs on every apply, by declaration. */
  everyApply?: boolean;
}

export interface Provisional {
  status: 'change' | 'unchanged' | 'error';
  summary: string;
  diff?: string;
  reason?: string;
}

export interface HostPlan {
  host: string;
  operations: PlannedOperation[];
  /**
   * Operations that will change, or may: known-after-apply ones count unless the host's facts
   * today say they would not change (they are still decided on the host during apply).
   */
  changes: number;
  /** Of `changes`, unguarded shell commands: they run on every apply. */
  commandsEveryApply: number;
  errors: number;
  roundTrips: number;
  /** The host facts, when `readHostFacts` asked for them in the same round trip. */
  hostFacts?: HostFacts;
}

export interface PlanOptions {
  /** Values to mask in every summary, diff, command and error. */
  secrets?: readonly string[];
  sudo?: boolean;
  /** Where relative `source` files of file/template operations are read from. */
  baseDir?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  /**
   * Read the host facts (gatherHostFacts) in the same round trip, into `HostPlan.hostFacts`: for a
   * caller that built the operations from facts an earlier run read and must check they still hold.
   */
  readHostFacts?: boolean;
}

/**
 * Plans one host: prepares the operations on this machine, reads the facts of all of them in ONE
 * round trip, and diffs each against its desired state. Operations that depend on an earlier
 * operation's change are "known after apply" instead of planned from facts that will be stale.
 */
export async function planHost(
  executor: Executor,
  operations: readonly Operation[],
  options: PlanOptions = {},
): Promise<HostPlan> {
  assertUniqueIds(executor.host, operations);
  assertNoConflicts(executor.host, operations);
  assertReferences(executor.host, operations);
  const prepared = await Promise.all(
    operations.map((op) => prepareOperation(op, options.baseDir ?? process.cwd())),
  );
  const { planned, hostFacts } = await evaluate(
    executor,
    prepared.map((operation, index) => ({ operation, kind: operations[index].kind })),
    new Set(),
    options,
  );
  const plan = summarise(executor.host, planned, operations.length === 0 ? 0 : 1);
  return hostFacts ? { ...plan, hostFacts } : plan;
}

export function summarise(host: string, operations: PlannedOperation[], roundTrips: number): HostPlan {
  const changing = operations.filter(
    (op) =>
      op.status === 'change' || (op.status === 'known-after-apply' && op.provisional?.status !== 'unchanged'),
  );
  return {
    host,
    operations,
    changes: changing.length,
    commandsEveryApply: changing.filter((op) => op.everyApply).length,
    errors: operations.filter((op) => op.status === 'error').length,
    roundTrips,
  };
}

export async function prepareOperation(op: Operation, baseDir: string): Promise<PlannableOperation> {
  if (op.kind === 'template') return renderTemplate(op, { baseDir });
  if (op.kind === 'file') return resolveFileSource(op, { baseDir });
  if (op.kind === 'taskserv') {
    throw new Error(
      `Operation "${op.id}" runs task service "${op.name}": expand sub-runs with expandOperations before planning`,
    );
  }
  return op;
}

/**
 * Facts for all given operations in one round trip, then each diffed in order. `alreadyChanged`
 * holds ids changed earlier in this apply (so a service restarts for a config written in an
 * earlier wave). With `readHostFacts`, the host facts are the last section of the same script.
 */
async function evaluate(
  executor: Executor,
  entries: ReadonlyArray<{ operation: PlannableOperation; kind: OperationKind }>,
  alreadyChanged: ReadonlySet<string>,
  options: PlanOptions,
): Promise<{ planned: PlannedOperation[]; hostFacts?: HostFacts }> {
  // Nothing to read (a taskserv whose remove is empty): no round trip, and no empty script for sh.
  if (entries.length === 0) return { planned: [] };
  const marker = newMarker();
  // Operations whose facts script is the same (line edits of one file) share one section.
  const { sections: unique, sectionOf } = uniqueSections(
    entries.map(({ operation }) => {
      const handler = handlerFor(operation);
      return {
        section: { script: handler.factsScript(operation), inline: handler.inlineFacts },
        paths: handler.inlineFacts ? handler.paths(operation) : [],
      };
    }),
  );
  const script = composeFactsScript(
    marker,
    [...unique.map(({ section }) => section), ...(options.readHostFacts ? [HOST_FACTS_SCRIPT] : [])],
    // Inline path facts read their stat line and hash from one stat and one sha256sum of all their
    // paths, in section order.
    pathsPrelude(unique.flatMap(({ paths }) => paths)),
  );
  let result;
  try {
    // Facts are data, not display: masked output (the redactor also masks a secret's base64 inside a
    // larger blob) would corrupt file contents and never converge. What is shown from them below
    // (summaries, diffs, reasons, stderr tails) is redacted here with `options.secrets`.
    result = await executor.exec(SCRIPT_COMMAND, {
      stdin: script,
      sudo: options.sudo,
      timeoutMs: options.timeoutMs,
      signal: options.signal,
    });
  } catch (error) {
    // The output read so far is unmasked (see above): keep only the redacted message and the hint.
    const cause = new Error(redact(error instanceof Error ? error.message : String(error), options.secrets));
    const hint =
      error instanceof Error && 'hint' in error && typeof error.hint === 'string' ? error.hint : undefined;
    throw new FactsGatheringError(
      executor.host,
      null,
      [],
      hint === undefined ? cause : Object.assign(cause, { hint }),
    );
  }
  const sections = parseSections(result.stdout, marker);
  const hostSection = options.readHostFacts ? sections.get(unique.length) : undefined;
  if (
    result.code !== 0 ||
    sections.size !== unique.length + (options.readHostFacts ? 1 : 0) ||
    (hostSection && hostSection.code !== 0)
  ) {
    throw new FactsGatheringError(executor.host, result.code, tail(result.stderr, options.secrets));
  }
  const planned: PlannedOperation[] = [];
  const pending = new PendingOperations<PlannedOperation>();
  const record = (op: PlannedOperation) => {
    planned.push(op);
    if (isPending(op)) pending.add(op);
  };
  const secrets = options.secrets ?? [];
  for (const [index, { operation, kind }] of entries.entries()) {
    const base = { id: operation.id, kind, operation };
    const blockers = pending.blockersOf(operation);
    const chained = chainedFacts(operation, blockers);
    const blocker = chained ? undefined : blockers[0];
    const watched =
      operation.kind === 'service'
        ? planned.find(
            (earlier) => earlier.status === 'known-after-apply' && operation.restartOn?.includes(earlier.id),
          )
        : undefined;
    const waitFor = blocker ?? watched;
    const section = sections.get(sectionOf[index]) ?? { text: '' };
    const observed = observedFacts(section);
    const seen = {
      observed,
      fingerprint: factsFingerprint(observed),
      ...(operation.kind === 'shell' && isUnguarded(operation) ? { everyApply: true } : {}),
    };
    const context = {
      changed: (id: string) =>
        alreadyChanged.has(id) || planned.some((earlier) => earlier.id === id && earlier.status === 'change'),
    };
    if (waitFor) {
      const now = decideFromFacts(operation, section, undefined, context, secrets);
      record({
        ...base,
        ...seen,
        status: 'known-after-apply',
        summary: `known after apply (depends on ${waitFor.id})`,
        reason: `${waitFor.id} ${waitFor.status === 'change' ? 'changes' : 'may change'} first`,
        provisional: now.provisional,
        ...(now.facts === undefined ? {} : { facts: now.facts }),
      });
      continue;
    }
    const decided = decideFromFacts(operation, section, chained, context, secrets);
    record({
      ...base,
      ...seen,
      ...decided.provisional,
      ...(decided.facts === undefined ? {} : { facts: decided.facts }),
    });
  }
  return hostSection ? { planned, hostFacts: parseHostFacts(hostSection.text) } : { planned };
}

/** Facts as the host printed them, with the exit code of the fragment that read them. */
export const observedFacts = (section: SectionOutput) => `${section.text}rc=${section.code ?? ''}`;

export const factsFingerprint = (observed: string) => createHash('sha256').update(observed).digest('hex');

/**
 * What an operation would do given these facts (parsed from `section`, or predicted by `chained`):
 * the status, the one-line summary, the diff, all redacted.
 */
export function decideFromFacts(
  operation: PlannableOperation,
  section: SectionOutput,
  chained: { facts: unknown } | undefined,
  context: DiffContext,
  secrets: readonly string[],
): { provisional: Provisional; facts?: unknown } {
  if (!chained && section.code !== 0) {
    return {
      provisional: {
        status: 'error',
        summary: 'facts could not be read',
        reason: `reading facts exited with ${section.code}: ${tail(section.text, secrets, 3).join(' | ')}`,
      },
    };
  }
  const handler = handlerFor(operation);
  let change: Change;
  let facts: unknown;
  try {
    facts = chained ? chained.facts : handler.parseFacts(section.text, operation);
    change = handler.diff(operation, facts, context);
  } catch (error) {
    change = { changed: true, summary: 'cannot be planned', problem: (error as Error).message };
  }
  return {
    provisional: {
      status: change.problem ? 'error' : change.changed ? 'change' : 'unchanged',
      summary: redact(change.summary, secrets),
      ...(change.diff ? { diff: redact(change.diff, secrets) } : {}),
      ...(change.problem ? { reason: redact(change.problem, secrets) } : {}),
    },
    facts,
  };
}

const isPending = (op: PlannedOperation) => op.status === 'change' || op.status === 'known-after-apply';

/**
 * When everything `operation` waits for is earlier edits of exactly its path by handlers that can
 * say what the path looks like afterwards (line edits of one file), its facts are the last of
 * those predictions: planned now, in the same round trip, rather than known after apply.
 */
function chainedFacts(
  operation: PlannableOperation,
  blockers: readonly PlannedOperation[],
): { facts: unknown } | undefined {
  if (blockers.length === 0) return undefined;
  const handler = handlerFor(operation);
  const chainable = blockers.every(
    (earlier) =>
      earlier.status === 'change' &&
      earlier.kind === operation.kind &&
      !operation.after?.includes(earlier.id) &&
      samePaths(earlier.operation, operation) &&
      handler.factsAfterChange !== undefined,
  );
  if (!chainable || !handler.factsAfterChange) return undefined;
  const last = blockers[blockers.length - 1];
  return { facts: handler.factsAfterChange(last.operation, last.facts) };
}

function assertUniqueIds(host: string, operations: readonly Operation[]): void {
  const seen = new Set<string>();
  for (const op of operations) {
    if (seen.has(op.id))
      throw new Error(
        `Host "${host}" has two operations with id "${op.id}"; give each operation a unique id`,
      );
    seen.add(op.id);
  }
}
