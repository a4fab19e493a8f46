import { applyHost, FactsChangedError, type HostPlan, type HostResult } from '@provisioning/operations';
import type { HostFacts } from '@provisioning/sdk';
import type { HostBatch } from '../steps/host-waves';
import { batchOperations, type OutputsBook, stepOfOperation } from './batch-operations';
import type { EngineEvent } from './engine-events';
import { FailurePolicy, type FailurePolicyOptions } from './failure-policy';
import { HostFactsCache } from './host-facts-cache';
import { toFailure } from './host-failure';
import { mapLimit } from './map-limit';
import { planHostBatch } from './plan-host-batch';
import { operationsKey, type PlanMemory, recallPlan } from './plan-memory';
import { assertHostMatchesPlan, StaleHostError } from './plan-staleness';
import type { PreparedRun, PreparedStep } from './prepare-run';
import { readOutputs } from './read-outputs';
import type { RunRequest } from './run-request';
import type { RunPlan } from './run-plan';
import type { RunRecorder } from './run-recorder';
import type { HostFailure, HostRunSummary } from './run-result';

type Batch = HostBatch & { steps: PreparedStep[] };

export interface RunnerOptions extends FailurePolicyOptions {
  /** Rolling batches: at most this many hosts at a time, each batch finished before the next. */
  serial?: number;
  /** The plan that was shown: each host is compared with it before anything changes there. */
  plan?: RunPlan;
  /** Why the run must stop starting hosts (the lock was lost), checked before each host batch. */
  stopped?: () => string | undefined;
  /** Awaited before each host batch starts (apply renews the infra lock here, so a lost lock is seen at once). */
  beforeHost?: () => Promise<void>;
}

/**
 * Schedules a prepared run: waves in order, the hosts of a wave in parallel (at most `parallel`,
 * or rolling batches with `serial`); each host re-reads its facts, is refused if they differ from
 * the plan that was shown, else applies its steps on one connection.
 */
export class ApplyRunner {
  private readonly facts: HostFactsCache;
  private readonly outputs: OutputsBook = new Map();
  private readonly summaries = new Map<string, HostRunSummary>();
  private readonly policy: FailurePolicy;
  private readonly shown: Map<string, RunPlan['hosts'][number]> | undefined;
  private readonly memory: PlanMemory | undefined;

  constructor(
    private readonly ctx: RunRequest,
    private readonly prepared: PreparedRun,
    private readonly options: RunnerOptions,
    private readonly recorder: RunRecorder,
  ) {
    this.facts = new HostFactsCache(ctx);
    this.policy = new FailurePolicy(options, () =>
      ctx.signal?.aborted ? 'the run was cancelled' : options.stopped?.(),
    );
    this.shown = options.plan
      ? new Map(options.plan.hosts.map((view) => [`${view.host}#${view.wave}`, view]))
      : undefined;
    this.memory = recallPlan(options.plan);
    for (const [host, facts] of this.memory?.hostFacts ?? []) this.facts.seed(host, facts);
    for (const step of prepared.steps) this.summary(step.server.name).steps.push(step.id);
  }

  /** Why the run stopped starting hosts (fail-fast, max-fail-percent, cancellation, a lost lock), if it did. */
  get stoppedBecause(): string | undefined {
    return this.policy.reason;
  }

  emit(event: EngineEvent): void {
    this.ctx.onEvent?.(event);
    this.recorder.event(event);
  }

  async run(): Promise<HostRunSummary[]> {
    const totalHosts = this.summaries.size;
    for (const wave of this.prepared.waves) {
      const chunks = this.options.serial ? chunk(wave, this.options.serial) : [wave];
      for (const batches of chunks) {
        await mapLimit(batches, this.ctx.parallel ?? 10, (batch) => this.runBatch(batch, totalHosts));
      }
    }
    await this.facts.remember();
    await this.recorder.flush();
    return [...this.summaries.values()];
  }

  private async runBatch(batch: Batch, totalHosts: number): Promise<void> {
    const summary = this.summary(batch.host);
    await this.options.beforeHost?.();
    const blockedBy = this.policy.blockedBy(
      batch.host,
      batch.steps.flatMap((step) => step.dependsOn),
      summary,
      this.summaries.values(),
      totalHosts,
    );
    if (blockedBy) {
      this.skip(batch, blockedBy);
      return;
    }
    this.emit({
      type: 'host-started',
      host: batch.host,
      wave: batch.wave,
      steps: batch.steps.map((step) => step.id),
    });
    const started = Date.now();
    let result: HostResult | undefined;
    try {
      result = await this.applyBatch(batch, summary);
    } catch (error) {
      this.fail(batch, summary, toFailure(error, this.prepared.secrets));
    }
    summary.durationMs += Date.now() - started;
    if (result) await this.record(batch, summary, result);
    this.emit({
      type: 'host-finished',
      host: batch.host,
      wave: batch.wave,
      status: summary.status === 'failed' ? 'failed' : 'ok',
      changed: result?.changed ?? 0,
      durationMs: Date.now() - started,
      ...(summary.error ? { error: summary.error.message } : {}),
    });
  }

  /**
   * Applies a host batch; every command sent counts in `summary.roundTrips`. With a plan this process
   * made and still holds for exactly these operations, that plan goes to the host as is and the
   * chain re-reads its facts there, refusing the host if they changed (one round trip). Otherwise the
   * batch is planned now: compared with the shown plan if there is one (a saved plan), then applied
   * without reading the same facts a second time.
   */
  private async applyBatch(batch: Batch, summary: HostRunSummary): Promise<HostResult> {
    const ctx = this.ctx;
    const secrets = this.prepared.secrets;
    const executor = ctx.executorFor(batch.host);
    const build = (host: HostFacts) =>
      batchOperations(batch.steps, {
        host,
        secrets: this.prepared.secretValues,
        outputs: this.outputs,
        action: ctx.action,
        infra: this.prepared.infra,
      });
    const options = {
      secrets,
      sudo: ctx.sudo,
      baseDir: ctx.baseDir,
      timeoutMs: ctx.timeoutMs,
      signal: ctx.signal,
    };
    const key = `${batch.host}#${batch.wave}`;
    const remembered = this.memory?.batches.get(key);
    let hostPlan: HostPlan | undefined;
    if (remembered && this.facts.has(batch.host)) {
      const operations = build(await this.facts.get(batch.host));
      if (remembered.operations === operationsKey(operations)) hostPlan = remembered.plan;
    }
    if (!hostPlan) {
      const planned = await planHostBatch(executor, this.facts, build, options);
      hostPlan = planned.plan;
      summary.roundTrips += planned.roundTrips;
      if (this.shown) assertHostMatchesPlan(batch.host, this.shown.get(key), hostPlan);
    }
    const verifyFacts = hostPlan === remembered?.plan;
    this.emit({
      type: 'host-planned',
      host: batch.host,
      wave: batch.wave,
      changes: hostPlan.changes,
      errors: hostPlan.errors,
    });
    const result = await applyHost(executor, hostPlan, {
      ...options,
      verifyFacts,
      onEvent: (event) => {
        if (event.type !== 'operation-finished') return;
        this.emit({
          type: 'operation-finished',
          host: batch.host,
          step: `${stepOfOperation(event.operationId)}@${batch.host}`,
          operationId: event.operationId,
          kind: event.kind,
          status: event.status,
          summary: event.summary,
          durationMs: event.durationMs,
        });
      },
    });
    summary.roundTrips += result.roundTrips;
    if (verifyFacts && result.error instanceof FactsChangedError) {
      const { operationId, facts, changed } = result.error;
      throw new StaleHostError(batch.host, [{ operationId, changed: facts.length ? [...facts] : [changed] }]);
    }
    if (result.status === 'ok' && ctx.action === 'install') {
      for (const step of batch.steps) {
        if (Object.keys(step.definition.outputs).length === 0) continue;
        await readOutputs(executor, step, this.outputs, secrets, ctx.sudo);
        summary.roundTrips += 1;
      }
    }
    return result;
  }

  private async record(batch: Batch, summary: HostRunSummary, result: HostResult): Promise<void> {
    for (const op of result.operations) summary[op.status] += 1;
    const incomplete = new Set(
      result.operations
        .filter((op) => op.status === 'failed' || op.status === 'skipped')
        .map((op) => stepOfOperation(op.id)),
    );
    if (result.error) this.fail(batch, summary, toFailure(result.error, this.prepared.secrets), incomplete);
    await this.recorder.batch(batch.host, result, batch.steps, incomplete, {
      action: this.ctx.action,
      secrets: this.prepared.secrets,
    });
  }

  private skip(batch: Batch, reason: string): void {
    const summary = this.summary(batch.host);
    if (summary.status === 'ok' && summary.changed + summary.unchanged === 0) summary.status = 'skipped';
    summary.skippedBecause ??= reason;
    for (const step of batch.steps) this.policy.brokenSteps.add(step.id);
    this.emit({
      type: 'host-finished',
      host: batch.host,
      wave: batch.wave,
      status: 'skipped',
      changed: 0,
      durationMs: 0,
      error: reason,
    });
  }

  private fail(
    batch: Batch,
    summary: HostRunSummary,
    failure: HostFailure,
    steps?: ReadonlySet<string>,
  ): void {
    summary.status = 'failed';
    summary.error ??= failure;
    for (const step of batch.steps)
      if (!steps || steps.has(step.entry.name)) this.policy.brokenSteps.add(step.id);
  }

  private summary(host: string): HostRunSummary {
    let summary = this.summaries.get(host);
    if (!summary) {
      summary = {
        host,
        status: 'ok',
        changed: 0,
        unchanged: 0,
        failed: 0,
        skipped: 0,
        durationMs: 0,
        roundTrips: 0,
        steps: [],
      };
      this.summaries.set(host, summary);
    }
    return summary;
  }
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
