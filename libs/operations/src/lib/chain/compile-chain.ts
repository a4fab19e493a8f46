import { quote } from '@provisioning/sdk';
import { handlerFor } from '../../kinds/registry';
import { displayScript } from '../atomic-write';
import { stdinScriptGroups } from '../sections';
import type { DiffContext } from '../handler';
import type { PlannedOperation } from '../plan';
import { END_INDEX } from './chain-records';
import { PathPredictions } from './path-predictions';

/** One operation of a host's chain: its position among the host's operations, and its plan. */
export interface ChainStep {
  index: number;
  op: PlannedOperation;
}

/** What a `changed` or `unchanged` record of a step means: its summary and diff (already redacted). */
export interface StepOutcome {
  summary: string;
  diff?: string;
  /**
   * The commands of the change, for an error message, in display form (file contents left out: a
   * fleet's chains would otherwise hold every file's content twice until they end).
   */
  script?: string;
}

export interface CompiledChain {
  script: string;
  /** Per step index: outcomes by the record's detail ('' for the plain case, a variant or a skip code). */
  outcomes: Map<number, Map<string, StepOutcome>>;
  /** The step index where the chain stops because the plan says it cannot run (no record is sent for it). */
  stopsAt?: number;
}

/**
 * One POSIX sh script that carries a host's whole remaining chain for a wave, so the host costs one
 * round trip however many operations depend on earlier changes:
 *
 * 1. Verify (unless `verify: false`): the facts of every operation the plan decided are read again
 *    and compared with those it was planned from (text, or sha256 for a plan without it); every
 *    difference is reported (`stale`, with the facts now) and the script stops before changing
 *    anything.
 * 2. In order, each operation reports `unchanged`, or runs its change (`start`, then `changed` or
 *    `failed` and stop). A known-after-apply operation is decided on the host when its turn comes:
 *    a kind with a host decision (a shell command's guards) decides there; any other reads its facts
 *    and, if they are still those of plan time, does what the plan's reading of them said; if
 *    they are not, it reports `undecided` with the facts and the chain stops there, for the
 *    controller to decide it and send the rest.
 *
 * Records go to the script's stdout only (see chain-records.ts); every fragment runs with stdout
 * sent to stderr and the record descriptor closed, in a subshell unless its kind declares an
 * inline change (an and-or list that leaves the shell as it found it). Shell builtins do the
 * bookkeeping and state probes set `$p` in the chain's own shell, so the script adds no process
 * per operation beyond what the operation's facts and change need (a missing path: none).
 */
export function compileChain(
  nonce: string,
  steps: readonly ChainStep[],
  changedBefore: ReadonlySet<string>,
  options: { verify?: boolean } = {},
): CompiledChain {
  const outcomes = new Map<number, Map<string, StepOutcome>>();
  const stop = steps.findIndex(({ op }) => op.status === 'error');
  const runnable = stop < 0 ? steps : steps.slice(0, stop);
  const plannedChanges = new Set(runnable.filter(({ op }) => op.status === 'change').map(({ op }) => op.id));
  const flagOf = new Map(steps.map(({ index, op }) => [op.id, `c${index}`]));
  const certain = (id: string) => changedBefore.has(id) || plannedChanges.has(id);

  const prelude = [
    `N=${quote(nonce)}`,
    'exec 3>&1 1>&2',
    // Underscored names: ksh and mksh predefine `r` as an alias (`fc -e -`), which a function of
    // that name cannot override.
    `_r() { printf '%s %s\\n' "$N" "$*" >&3; }`,
    `_m() { printf '\\n%s op %s\\n' "$N" "$1"; }`,
    `_x() { printf '%s' "$1" | base64 | tr -d '\\n'; }`,
  ];
  for (const { index, op } of options.verify === false ? [] : runnable) {
    if (op.status === 'change' || op.status === 'unchanged') {
      const check = compareFacts(op);
      if (check) prelude.push(readFacts(op), `${check} || { _r ${index} stale "$(_x "$f")"; st=1; }`);
    }
  }
  prelude.push(`[ -z "\${st-}" ] || { _r ${END_INDEX} end; exit 0; }`);
  // One block per step, so the shell's groups (stdinScriptGroups) are cut between steps.
  const blocks: string[][] = [prelude];
  const predictions = new PathPredictions(certain);
  for (const { index, op } of runnable) {
    const lines: string[] = [];
    blocks.push(lines);
    const table = new Map<string, StepOutcome>();
    outcomes.set(index, table);
    if (op.status === 'unchanged') {
      table.set('', { summary: op.summary });
      lines.push(`_r ${index} unchanged`);
    } else if (op.status === 'change') {
      const context: DiffContext = { changed: certain };
      const handler = handlerFor(op.operation);
      const script = handler.changeScript(op.operation, op.facts as never, context);
      table.set('', {
        summary: op.summary,
        ...(op.diff ? { diff: op.diff } : {}),
        script: displayScript(script),
      });
      lines.push(...changeBlock(index, script, '', handler.inlineChange));
    } else {
      const predicted = predictions.statesFor(op);
      lines.push(
        ...(predicted
          ? decideByProbe(index, op, table, predicted, certain)
          : decideOnHost(index, op, table, certain, flagOf)),
      );
    }
    predictions.add(op);
  }
  blocks.push([`_r ${END_INDEX} end`]);
  const script = stdinScriptGroups(blocks);
  if (stop >= 0) return { script, outcomes, stopsAt: steps[stop].index };
  return { script, outcomes };
}

/** Sets $f to the operation's facts as the host prints them now, with the fragment's exit code. */
function readFacts(op: PlannedOperation): string {
  return `f=$( (\n${handlerFor(op.operation).factsScript(op.operation)}\n) 3>&-; printf 'rc=%s' "$?" )`;
}

/** A test that $f holds the facts the plan was made from; undefined when the plan kept neither text nor hash. */
function compareFacts(op: PlannedOperation): string | undefined {
  if (op.observed !== undefined) return `[ "$f" = ${quote(op.observed)} ]`;
  if (op.fingerprint) return `[ "$(printf '%s' "$f" | sha256sum | cut -c1-64)" = ${quote(op.fingerprint)} ]`;
  return undefined;
}

function changeBlock(index: number, script: string, detail: string, inline = false): string[] {
  return [
    `_m ${index}; _r ${index} start`,
    inline ? `{\n${script}\n} 3>&-` : `(\nset -e\n${script}\n) 3>&-`,
    `s=$?; if [ "$s" -eq 0 ]; then c${index}=1; _r ${index} changed${detail ? ` ${detail}` : ''}; else _r ${index} failed "$s"; exit 0; fi`,
  ];
}

/** A known-after-apply operation, decided on the host when its turn comes. */
function decideOnHost(
  index: number,
  op: PlannedOperation,
  table: Map<string, StepOutcome>,
  certain: (id: string) => boolean,
  flagOf: ReadonlyMap<string, string>,
): string[] {
  const handler = handlerFor(op.operation);
  const decision = handler.hostDecision?.(op.operation);
  if (decision) {
    const script = handler.changeScript(op.operation, op.facts as never, { changed: certain });
    table.set('', { summary: decision.runs, script: displayScript(script) });
    for (const [code, summary] of Object.entries(decision.skips)) table.set(code, { summary });
    const skipCodes = Object.keys(decision.skips).join('|');
    return [
      `(\n${decision.script}\n) 3>&-; d=$?`,
      `case $d in\n0)\n${changeBlock(index, script, '').join('\n')}\n;;\n${skipCodes}) _r ${index} unchanged "$d" ;;\n*) _m ${index}; _r ${index} failed "$d"; exit 0 ;;\nesac`,
    ];
  }
  const check = compareFacts(op);
  if (!check || !op.provisional) return [readFacts(op), `_r ${index} undecided "$(_x "$f")"; exit 0`];
  // A service restarts when something it watches changed; whether an earlier known-after-apply
  // operation changes is only known on the host, so both readings are compiled and a flag picks.
  const watched =
    op.operation.kind === 'service'
      ? (op.operation.restartOn ?? []).filter((id) => !certain(id) && flagOf.has(id))
      : [];
  const variant = (tag: string, assumeChanged: boolean): string[] => {
    const context: DiffContext = { changed: (id) => certain(id) || (assumeChanged && watched.includes(id)) };
    const change = watched.length ? handler.diff(op.operation, op.facts as never, context) : undefined;
    const status = change
      ? change.problem
        ? 'error'
        : change.changed
          ? 'change'
          : 'unchanged'
      : op.provisional?.status;
    const summary = change ? change.summary : (op.provisional?.summary ?? op.summary);
    if (status === 'unchanged') {
      table.set(tag, { summary });
      return [`_r ${index} unchanged${tag ? ` ${tag}` : ''}`];
    }
    if (status === 'error') {
      table.set('', { summary: op.provisional?.reason ?? summary });
      return [`_r ${index} error; exit 0`];
    }
    const script = handler.changeScript(op.operation, op.facts as never, context);
    table.set(tag, {
      summary,
      ...(op.provisional?.diff ? { diff: op.provisional.diff } : {}),
      script: displayScript(script),
    });
    return changeBlock(index, script, tag, handler.inlineChange);
  };
  const body = watched.length
    ? [
        `if [ -n "${watched.map((id) => `\${${flagOf.get(id)}-}`).join('')}" ]; then`,
        ...variant('restart', true),
        'else',
        ...variant('keep', false),
        'fi',
      ]
    : variant('', false);
  return [readFacts(op), `if ${check}; then`, ...body, `else _r ${index} undecided "$(_x "$f")"; exit 0; fi`];
}

/** A known-after-apply operation that reads one digest of its state and acts on the predicted state it matches. */
function decideByProbe(
  index: number,
  op: PlannedOperation,
  table: Map<string, StepOutcome>,
  states: readonly unknown[],
  certain: (id: string) => boolean,
): string[] {
  const handler = handlerFor(op.operation);
  const probe = handler.stateProbe as NonNullable<typeof handler.stateProbe>;
  const context: DiffContext = { changed: certain, stateVerified: true };
  const seen = new Set<string>();
  const branches: string[] = [];
  states.forEach((state, n) => {
    const digest = probe.of(op.operation, state as never);
    if (seen.has(digest)) return;
    seen.add(digest);
    const tag = `p${n}`;
    const change = handler.diff(op.operation, state as never, context);
    let body: string[];
    if (change.problem) {
      if (!table.has('')) table.set('', { summary: change.problem });
      body = [`_r ${index} error; exit 0`];
    } else if (!change.changed) {
      table.set(tag, { summary: change.summary });
      body = [`_r ${index} unchanged ${tag}`];
    } else {
      const script = handler.changeScript(op.operation, state as never, context);
      const display = displayScript(script);
      // Where the plan already holds this diff's text (the state it read), keep its copy, not a
      // second one: a new file's diff is its whole content, and at 200 hosts the copies were
      // megabytes held until each chain ended.
      const diff =
        change.diff !== undefined && change.diff === op.provisional?.diff ? op.provisional.diff : change.diff;
      table.set(tag, {
        summary: change.summary,
        ...(diff ? { diff } : {}),
        script: display,
      });
      if (!table.has('')) table.set('', { summary: change.summary, script: display });
      body = changeBlock(index, script, tag, handler.inlineChange);
    }
    branches.push(`${quote(digest)})\n${body.join('\n')}\n;;`);
  });
  return [
    probe.script(op.operation),
    `case $p in\n${branches.join('\n')}\n*)\n${readFacts(op)}\n_r ${index} undecided "$(_x "$f")"; exit 0\n;;\nesac`,
  ];
}
