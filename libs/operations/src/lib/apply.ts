import type { Executor } from '@provisioning/sdk';
import { redact } from '@provisioning/sdk';
import { type ChainRecord, ChainRecordReader, newNonce, operationStderr } from './chain/chain-records';
import { type ChainStep, compileChain } from './chain/compile-chain';
import { describeFactsChange } from './chain/facts-change';
import { FactsGatheringError, OperationFailedError, FactsChangedError, tail } from './errors';
import type { HostPlan, PlannedOperation, PlanOptions } from './plan';
import { decideFromFacts, factsFingerprint } from './plan';
import { SCRIPT_COMMAND } from './sections';

export type OperationOutcome = 'changed' | 'unchanged' | 'failed' | 'skipped';

export interface OperationResult {
  id: string;
  kind: string;
  status: OperationOutcome;
  summary: string;
  diff?: string;
  durationMs: number;
  /** Exit code of the change that ran (shell commands, failures). */
  exitCode?: number;
  /** The last lines the change printed (stdout and stderr), secrets redacted. */
  output?: string[];
}

export type ApplyEvent =
  | { type: 'operation-started'; host: string; operationId: string; kind: string }
  | {
      type: 'operation-finished';
      host: string;
      operationId: string;
      kind: string;
      status: OperationOutcome;
      summary: string;
      durationMs: number;
    }
  | { type: 'facts-refreshed'; host: string; operationIds: string[] };

export interface ApplyOptions extends PlanOptions {
  onEvent?: (event: ApplyEvent) => void;
  /**
   * Whether the chain first re-reads the facts the plan was made from and refuses a host where they
   * changed (default true). Leave it on for a plan that was shown or saved; turn it off only when
   * the plan was made from facts read a moment ago in the same run and shown to nobody, where the
   * re-read would cost a second full facts pass on the host and protect nothing.
   */
  verifyFacts?: boolean;
}

export type HostApplyError = OperationFailedError | FactsGatheringError | FactsChangedError;

export interface HostResult {
  host: string;
  status: 'ok' | 'failed';
  operations: OperationResult[];
  changed: number;
  roundTrips: number;
  durationMs: number;
  /** Why the host stopped; later operations are reported "skipped". */
  error?: HostApplyError;
}

/**
 * Applies a host's plan: the whole chain goes to the host as one script (chain/compile-chain.ts),
 * which re-reads the planned facts and refuses a stale host before changing anything, then for
 * every operation in order decides, changes and reports, known-after-apply ones included. One
 * round trip per host, unless a known-after-apply operation finds facts the plan did not see: then
 * the controller decides that one from the facts the host sent back and sends the rest (one more
 * round trip each time). A plan with nothing to change costs no round trip at all.
 */
export async function applyHost(
  executor: Executor,
  plan: HostPlan,
  options: ApplyOptions = {},
): Promise<HostResult> {
  const run = new HostChainRun(executor, options);
  let remaining: ChainStep[] = plan.operations.map((op, index) => ({ index, op }));
  while (remaining.length && !run.error) {
    const stop = remaining.findIndex(({ op }) => op.status === 'error');
    const runnable = stop < 0 ? remaining : remaining.slice(0, stop);
    if (runnable.every(({ op }) => op.status === 'unchanged')) {
      for (const { op } of runnable) run.report(op, { status: 'unchanged', summary: op.summary });
      if (stop >= 0) run.failPlanned(remaining[stop].op);
      break;
    }
    remaining = await run.chain(remaining);
  }
  return run.result(plan.operations);
}

class HostChainRun {
  readonly results = new Map<string, OperationResult>();
  readonly changed = new Set<string>();
  roundTrips = 0;
  error: HostApplyError | undefined;
  private readonly started = Date.now();
  private readonly secrets: readonly string[];

  constructor(
    private readonly executor: Executor,
    private readonly options: ApplyOptions,
  ) {
    this.secrets = options.secrets ?? [];
  }

  /** Sends one chain; returns what is left to send (after an `undecided` operation), else nothing. */
  async chain(steps: ChainStep[]): Promise<ChainStep[]> {
    const host = this.executor.host;
    const nonce = newNonce();
    const compiled = compileChain(nonce, steps, this.changed, { verify: this.options.verifyFacts ?? true });
    const byIndex = new Map(steps.map((step) => [step.index, step.op]));
    const startedAt = new Map<number, number>();
    let stderrSoFar = '';
    let next: ChainStep[] = [];
    let ended = false;
    let inFlight: number | undefined;
    let finalStderr = '';
    const commands: number[] = [];
    const stale: Array<{ op: PlannedOperation; observed: string }> = [];
    let failed: { index: number; op: PlannedOperation; exitCode: number; durationMs: number } | undefined;
    const stderr = () => stderrSoFar || finalStderr;
    const onRecord = (record: ChainRecord) => {
      if (record.event === 'end') {
        ended = true;
        return;
      }
      const op = byIndex.get(record.index);
      if (!op || this.error) return;
      const elapsed = () => Date.now() - (startedAt.get(record.index) ?? Date.now());
      const outcome = compiled.outcomes
        .get(record.index)
        ?.get(record.event === 'unchanged' || record.event === 'changed' ? record.detail : '');
      switch (record.event) {
        case 'start':
          inFlight = record.index;
          startedAt.set(record.index, Date.now());
          this.options.onEvent?.({ type: 'operation-started', host, operationId: op.id, kind: op.kind });
          return;
        case 'unchanged':
          this.report(op, { status: 'unchanged', summary: outcome?.summary ?? op.summary });
          return;
        case 'changed': {
          inFlight = undefined;
          this.changed.add(op.id);
          this.report(op, {
            status: 'changed',
            summary: outcome?.summary ?? op.summary,
            ...(outcome?.diff ? { diff: outcome.diff } : {}),
            ...(op.kind === 'shell' ? { exitCode: 0 } : {}),
            durationMs: elapsed(),
          });
          if (op.kind === 'shell') commands.push(record.index);
          return;
        }
        case 'failed':
          // Its error output may still be on its way (stderr is another stream): the failure is built after the script ends.
          inFlight = undefined;
          failed = { index: record.index, op, exitCode: Number(record.detail), durationMs: elapsed() };
          return;
        case 'error':
          this.failPlanned({ ...op, reason: outcome?.summary ?? op.provisional?.reason ?? op.reason });
          return;
        case 'stale':
          stale.push({ op, observed: Buffer.from(record.detail, 'base64').toString('utf8') });
          return;
        case 'undecided': {
          const observed = Buffer.from(record.detail, 'base64').toString('utf8');
          const at = steps.findIndex((step) => step.index === record.index);
          next = [{ index: record.index, op: this.redecide(op, observed) }, ...steps.slice(at + 1)];
          this.options.onEvent?.({
            type: 'facts-refreshed',
            host,
            operationIds: next.map((step) => step.op.id),
          });
          return;
        }
      }
    };
    const streamed = { seen: false };
    const live = new ChainRecordReader(nonce, onRecord);
    this.roundTrips++;
    const result = await this.executor
      .exec(SCRIPT_COMMAND, {
        stdin: compiled.script,
        sudo: this.options.sudo,
        secrets: this.options.secrets,
        timeoutMs: this.options.timeoutMs,
        signal: this.options.signal,
        onStdout: (chunk) => {
          streamed.seen = true;
          live.push(chunk);
        },
        onStderr: (chunk) => (stderrSoFar += chunk.toString('utf8')),
      })
      .catch((cause: unknown) => ({ code: null, stdout: '', stderr: '', durationMs: 0, lost: cause }));
    const lost = 'lost' in result ? result.lost : undefined;
    finalStderr = result.stderr;
    live.finish(result.stdout, streamed.seen);
    for (const index of commands) {
      const done = this.results.get(byIndex.get(index)?.id ?? '');
      if (done) done.output = tail(operationStderr(stderr(), nonce, index), this.secrets);
    }
    if (failed) {
      this.fail(
        failed.op,
        new OperationFailedError({
          host,
          operationId: failed.op.id,
          kind: failed.op.kind,
          command: redact(compiled.outcomes.get(failed.index)?.get('')?.script ?? '', this.secrets),
          exitCode: failed.exitCode,
          stderrTail: tail(operationStderr(stderr(), nonce, failed.index), this.secrets),
        }),
        failed.durationMs,
      );
    }
    if (stale.length) return this.refuseOrReplan(steps, stale);
    if (this.error || next.length) return next;
    if (ended) {
      if (compiled.stopsAt !== undefined) this.failPlanned(byIndex.get(compiled.stopsAt) as PlannedOperation);
      return [];
    }
    // The script did not finish: the connection dropped, it was cancelled or killed.
    if (inFlight === undefined && live.records.length === 0 && lost) {
      this.error = new FactsGatheringError(host, null, [], lost);
      return [];
    }
    const at = inFlight ?? steps.find((step) => !this.results.has(step.op.id))?.index;
    const op = at === undefined ? undefined : byIndex.get(at);
    if (!op) return [];
    this.fail(
      op,
      new OperationFailedError({
        host,
        operationId: op.id,
        kind: op.kind,
        command: redact(compiled.outcomes.get(at as number)?.get('')?.script ?? '', this.secrets),
        exitCode: result.code,
        stderrTail: tail(operationStderr(stderr(), nonce, at as number) || stderr(), this.secrets),
        ...(this.options.signal?.aborted
          ? { cancelled: true }
          : lost instanceof Error
            ? { reason: `connection lost: ${lost.message}` }
            : {}),
      }),
      Date.now() - (startedAt.get(at as number) ?? Date.now()),
    );
    return [];
  }

  /**
   * Facts differ from the plan's. When every such operation finds the host already as it wants
   * (another run, or another host on a shared path, made the same change), nothing the plan would
   * do is at risk: they are reported unchanged and the chain is sent again. Any other difference
   * refuses the host; the script stopped before changing anything.
   */
  private refuseOrReplan(
    steps: ChainStep[],
    stale: ReadonlyArray<{ op: PlannedOperation; observed: string }>,
  ): ChainStep[] {
    const host = this.executor.host;
    const now = new Map(stale.map(({ op, observed }) => [op.id, this.redecide(op, observed)]));
    const harmful = stale.find(({ op }) => now.get(op.id)?.status !== 'unchanged');
    if (harmful) {
      const what = describeFactsChange(harmful.op, harmful.observed, this.secrets);
      const error = new FactsChangedError({
        host,
        operationId: harmful.op.id,
        kind: harmful.op.kind,
        changed: what.text,
        facts: what.facts,
      });
      this.report(harmful.op, { status: 'failed', summary: error.message });
      this.error = error;
      return [];
    }
    this.options.onEvent?.({ type: 'facts-refreshed', host, operationIds: stale.map(({ op }) => op.id) });
    return steps.map((step) => ({ ...step, op: now.get(step.op.id) ?? step.op }));
  }

  /** A known-after-apply operation decided here from the facts the host sent back. */
  private redecide(op: PlannedOperation, observed: string): PlannedOperation {
    const at = observed.lastIndexOf('rc=');
    const section = { text: observed.slice(0, at), code: Number(observed.slice(at + 3)) };
    const decided = decideFromFacts(
      op.operation,
      section,
      undefined,
      { changed: (id) => this.changed.has(id) },
      this.secrets,
    );
    const { provisional: _provisional, reason: _reason, diff: _diff, ...rest } = op;
    return {
      ...rest,
      ...decided.provisional,
      observed,
      fingerprint: factsFingerprint(observed),
      facts: decided.facts,
    };
  }

  report(
    op: PlannedOperation,
    outcome: Omit<OperationResult, 'id' | 'kind' | 'durationMs'> & { durationMs?: number },
  ): void {
    const result: OperationResult = {
      id: op.id,
      kind: op.kind,
      ...outcome,
      summary: redact(outcome.summary, this.secrets),
      ...(outcome.diff ? { diff: redact(outcome.diff, this.secrets) } : {}),
      durationMs: outcome.durationMs ?? 0,
    };
    this.results.set(op.id, result);
    this.options.onEvent?.({
      type: 'operation-finished',
      host: this.executor.host,
      operationId: op.id,
      kind: op.kind,
      status: result.status,
      summary: result.summary,
      durationMs: result.durationMs,
    });
  }

  /** The plan (or the host's facts during apply) say this operation cannot run: the host stops here. */
  failPlanned(op: PlannedOperation): void {
    const error = new OperationFailedError({
      host: this.executor.host,
      operationId: op.id,
      kind: op.kind,
      command: '',
      exitCode: null,
      stderrTail: [],
      reason: op.reason ?? op.summary,
    });
    this.fail(op, error, 0);
  }

  private fail(op: PlannedOperation, error: OperationFailedError, durationMs: number): void {
    this.error = error;
    this.report(op, {
      status: 'failed',
      summary: error.message,
      ...(error.exitCode === null ? {} : { exitCode: error.exitCode }),
      durationMs,
    });
  }

  result(operations: readonly PlannedOperation[]): HostResult {
    const host = this.executor.host;
    const error = this.error;
    const results = operations.map(
      (op) =>
        this.results.get(op.id) ?? {
          id: op.id,
          kind: op.kind,
          status: 'skipped' as const,
          summary:
            error instanceof FactsChangedError
              ? `not applied: ${host} was refused as stale`
              : `not applied: ${host} stopped at ${error && 'operationId' in error ? error.operationId : 'an earlier failure'}`,
          durationMs: 0,
        },
    );
    return {
      host,
      status: error ? 'failed' : 'ok',
      operations: results,
      changed: results.filter((result) => result.status === 'changed').length,
      roundTrips: this.roundTrips,
      durationMs: Date.now() - this.started,
      ...(error ? { error } : {}),
    };
  }
}
