import type { Executor } from '@provisioning/sdk';
import { redact } from '@provisioning/sdk';
import { handlerFor } from '../kinds/registry';
import { displayScript } from './atomic-write';
import { FactsGatheringError, OperationFailedError, tail } from './errors';
import type { HostPlan, PlannedOperation, PlanOptions } from './plan';
import { evaluate } from './plan';
import { composeChangeScript, newMarker, parseSections, SCRIPT_COMMAND, sectionEndWatcher, sectionStderr } from './sections';

export type OperationOutcome = 'changed' | 'unchanged' | 'failed' | 'skipped';

export interface OperationResult {
  id: string;
  kind: string;
  status: OperationOutcome;
  summary: string;
  diff?: string;
  durationMs: number;
}

export type ApplyEvent =
  | { type: 'operation-started'; host: string; operationId: string; kind: string }
  | { type: 'operation-finished'; host: string; operationId: string; kind: string; status: OperationOutcome; summary: string; durationMs: number }
  | { type: 'facts-refreshed'; host: string; operationIds: string[] };

export interface ApplyOptions extends PlanOptions {
  onEvent?: (event: ApplyEvent) => void;
}

export interface HostResult {
  host: string;
  status: 'ok' | 'failed';
  operations: OperationResult[];
  changed: number;
  roundTrips: number;
  durationMs: number;
  /** Why the host stopped; later operations are reported "skipped". */
  error?: OperationFailedError | FactsGatheringError;
}

/**
 * Applies a host's plan in waves: every operation whose plan is current goes in one round trip
 * (one script, stopping at the first failure); then operations that were "known after apply" get
 * fresh facts in one more round trip and are planned again, and so on. A plain re-apply of a
 * converged host therefore costs no round trip at all beyond the plan's.
 */
export async function applyHost(executor: Executor, plan: HostPlan, options: ApplyOptions = {}): Promise<HostResult> {
  const started = Date.now();
  const results: OperationResult[] = [];
  const changed = new Set<string>();
  let pending = plan.operations;
  let roundTrips = 0;
  let error: OperationFailedError | FactsGatheringError | undefined;

  while (pending.length && !error) {
    if (pending[0].status === 'known-after-apply') {
      roundTrips++;
      try {
        pending = await evaluate(executor, pending.map(({ operation, kind }) => ({ operation, kind })), changed, options);
      } catch (cause) {
        if (!(cause instanceof FactsGatheringError)) throw cause;
        error = cause;
        break;
      }
      options.onEvent?.({ type: 'facts-refreshed', host: executor.host, operationIds: pending.map((op) => op.id) });
    }
    const waveEnd = pending.findIndex((op) => op.status === 'known-after-apply');
    const wave = waveEnd < 0 ? pending : pending.slice(0, waveEnd);
    pending = pending.slice(wave.length);
    const outcome = await applyWave(executor, wave, changed, options);
    if (outcome.ranScript) roundTrips++;
    results.push(...outcome.results);
    error = outcome.error;
  }
  for (const op of pending) results.push({ id: op.id, kind: op.kind, status: 'skipped', summary: `not applied: ${executor.host} stopped at an earlier failure`, durationMs: 0 });
  return {
    host: executor.host,
    status: error ? 'failed' : 'ok',
    operations: results,
    changed: results.filter((result) => result.status === 'changed').length,
    roundTrips,
    durationMs: Date.now() - started,
    ...(error ? { error } : {}),
  };
}

interface WaveOutcome {
  results: OperationResult[];
  ranScript: boolean;
  error?: OperationFailedError;
}

async function applyWave(executor: Executor, wave: PlannedOperation[], changed: Set<string>, options: ApplyOptions): Promise<WaveOutcome> {
  const host = executor.host;
  const secrets = options.secrets ?? [];
  const blocked = wave.findIndex((op) => op.status === 'error');
  const runnable = blocked < 0 ? wave : wave.slice(0, blocked);
  const toChange = runnable.filter((op) => op.status === 'change');
  const context = { changed: (id: string) => changed.has(id) || toChange.some((op) => op.id === id) };
  const scripts = new Map(toChange.map((op) => [op.id, handlerFor(op.operation).changeScript(op.operation, op.facts as never, context)]));

  const results = new Map<string, OperationResult>();
  for (const op of runnable) {
    if (op.status === 'unchanged') {
      results.set(op.id, { id: op.id, kind: op.kind, status: 'unchanged', summary: op.summary, durationMs: 0 });
      options.onEvent?.({ type: 'operation-finished', host, operationId: op.id, kind: op.kind, status: 'unchanged', summary: op.summary, durationMs: 0 });
    }
  }

  let error: OperationFailedError | undefined;
  if (toChange.length) {
    const marker = newMarker();
    const indexed = toChange.map((op, index) => ({ index, op, script: scripts.get(op.id) as string }));
    let last = Date.now();
    const emitStart = (index: number) => {
      const op = toChange[index];
      if (op) options.onEvent?.({ type: 'operation-started', host, operationId: op.id, kind: op.kind });
    };
    const durations = new Map<number, number>();
    const finishedChanged = (index: number) => {
      const op = toChange[index];
      options.onEvent?.({ type: 'operation-finished', host, operationId: op.id, kind: op.kind, status: 'changed', summary: op.summary, durationMs: durations.get(index) ?? 0 });
    };
    const onStdout = sectionEndWatcher(marker, (index, code) => {
      durations.set(index, Date.now() - last);
      last = Date.now();
      if (code === 0) finishedChanged(index);
      emitStart(index + 1);
    });
    emitStart(0);
    const result = await executor
      .exec(SCRIPT_COMMAND, { stdin: composeChangeScript(marker, indexed), sudo: options.sudo, secrets, timeoutMs: options.timeoutMs, signal: options.signal, onStdout })
      .catch((cause: unknown) => ({ code: null, stdout: '', stderr: cause instanceof Error ? cause.message : String(cause), durationMs: 0 }));
    const sections = parseSections(result.stdout, marker);
    for (const { index, op, script } of indexed) {
      const section = sections.get(index);
      if (section?.code === 0) {
        // An executor that does not stream output gets its events here instead of live.
        if (!durations.has(index)) finishedChanged(index);
        changed.add(op.id);
        results.set(op.id, { id: op.id, kind: op.kind, status: 'changed', summary: op.summary, ...(op.diff ? { diff: op.diff } : {}), durationMs: durations.get(index) ?? 0 });
        continue;
      }
      const exitCode = section?.code ?? result.code;
      error = new OperationFailedError({
        host,
        operationId: op.id,
        kind: op.kind,
        command: redact(displayScript(script), secrets),
        exitCode: exitCode ?? null,
        stderrTail: tail(sectionStderr(result.stderr, marker, index), secrets),
        ...(options.signal?.aborted ? { cancelled: true } : {}),
      });
      results.set(op.id, { id: op.id, kind: op.kind, status: 'failed', summary: error.message, durationMs: Date.now() - last });
      options.onEvent?.({ type: 'operation-finished', host, operationId: op.id, kind: op.kind, status: 'failed', summary: error.message, durationMs: Date.now() - last });
      break;
    }
  }
  if (!error && blocked >= 0) {
    const op = wave[blocked];
    error = new OperationFailedError({ host, operationId: op.id, kind: op.kind, command: '', exitCode: null, stderrTail: [], reason: op.reason ?? op.summary });
    results.set(op.id, { id: op.id, kind: op.kind, status: 'failed', summary: error.message, durationMs: 0 });
    options.onEvent?.({ type: 'operation-finished', host, operationId: op.id, kind: op.kind, status: 'failed', summary: error.message, durationMs: 0 });
  }
  // Unchanged operations stay unchanged even after a failure; what had a change to make is skipped.
  const ordered: OperationResult[] = [];
  for (const op of wave) {
    const result = results.get(op.id);
    if (result) ordered.push(result);
    else if (error) ordered.push({ id: op.id, kind: op.kind, status: 'skipped', summary: `not applied: ${host} stopped at ${error.operationId}`, durationMs: 0 });
  }
  return { results: ordered, ranScript: toChange.length > 0, ...(error ? { error } : {}) };
}
