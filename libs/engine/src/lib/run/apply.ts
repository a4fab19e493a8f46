import { applyHost, type HostResult, OperationFailedError, planHost, StaleHostError } from '@provisioning/operations';
import { redact } from '@provisioning/sdk';
import { type AcquiredLock, paramsHash } from '@provisioning/store';
import { hostname, userInfo } from 'node:os';
import type { HostBatch } from '../steps/host-waves';
import { batchOperations, type OutputsBook, stepOfOperation } from './batch-operations';
import type { EngineEvent } from './engine-events';
import { HostFactsCache } from './host-facts-cache';
import { mapLimit } from './map-limit';
import { plan } from './plan';
import { type PreparedRun, type PreparedStep, prepareRun } from './prepare-run';
import { readOutputs } from './read-outputs';
import type { RunContext } from './run-context';
import type { RunPlan } from './run-plan';
import type { HostFailure, HostRunSummary, RunResult } from './run-result';
import { StalePlanError } from './stale-plan-error';

export interface ApplyOptions {
  /** What the run log and the lock call this run (default: "apply" or "remove"). */
  command?: string;
  /** Stop starting hosts after the first failure (hosts already running finish). */
  failFast?: boolean;
  /** Stop starting hosts once more than this percentage of the run's hosts failed. */
  maxFailPercent?: number;
  /** Rolling batches: at most this many hosts at a time, each batch finished before the next. */
  serial?: number;
  /** Apply only if the hosts and state still match this plan. */
  savedPlan?: RunPlan;
}

type Batch = HostBatch & { steps: PreparedStep[] };

/**
 * Applies a run: waves in order, the hosts of a wave in parallel (at most `parallel`, or rolling
 * batches with `serial`), each host planning and applying its steps on one connection. A failed
 * host stops only itself and what depends on it, unless fail-fast or max-fail-percent says
 * otherwise. Every operation's outcome and the run's events go to the store as they happen.
 */
export async function apply(ctx: RunContext, options: ApplyOptions = {}): Promise<RunResult> {
  if (options.savedPlan) await assertPlanCurrent(ctx, options.savedPlan);
  const prepared = prepareRun(ctx);
  const command = options.command ?? (ctx.action === 'remove' ? 'remove' : 'apply');
  const started = Date.now();
  const lock = ctx.store ? await ctx.store.acquireLock(ctx.infra.name, { command }) : undefined;
  const renewal = lock ? keepLockAlive(ctx, lock) : undefined;
  try {
    const run = ctx.store ? await ctx.store.startRun({ infra: ctx.infra.name, command, actor: actor() }) : undefined;
    const runner = new ApplyRunner(ctx, prepared, options, run?.id);
    runner.emit({
      type: 'run-started',
      runId: run?.id,
      infra: ctx.infra.name,
      action: ctx.action,
      hosts: [...new Set(prepared.steps.map((step) => step.server.name))],
      steps: prepared.steps.map((step) => step.id),
    });
    const hosts = await runner.run();
    const status = ctx.signal?.aborted ? 'cancelled' : hosts.some((host) => host.status === 'failed') ? 'failed' : 'succeeded';
    if (run && ctx.store) await ctx.store.finishRun(run.id, status);
    const durationMs = Date.now() - started;
    runner.emit({ type: 'run-finished', runId: run?.id, status, durationMs });
    return {
      runId: run?.id,
      infra: ctx.infra.name,
      action: ctx.action,
      status,
      hosts,
      changed: hosts.reduce((sum, host) => sum + host.changed, 0),
      failedHosts: hosts.filter((host) => host.status === 'failed').length,
      durationMs,
    };
  } finally {
    if (renewal) clearInterval(renewal);
    if (lock && ctx.store) await ctx.store.releaseLock(lock.id);
  }
}

class ApplyRunner {
  private readonly facts: HostFactsCache;
  private readonly outputs: OutputsBook = new Map();
  private readonly summaries = new Map<string, HostRunSummary>();
  /** Steps that did not reach their desired state: what depends on them is skipped. */
  private readonly brokenSteps = new Set<string>();
  private stopReason: string | undefined;
  private readonly log: Promise<unknown>[] = [];

  constructor(
    private readonly ctx: RunContext,
    private readonly prepared: PreparedRun,
    private readonly options: ApplyOptions,
    private readonly runId: string | undefined,
  ) {
    this.facts = new HostFactsCache(ctx);
    for (const step of prepared.steps) {
      const summary = this.summary(step.server.name);
      summary.steps.push(step.id);
    }
  }

  emit(event: EngineEvent): void {
    this.ctx.onEvent?.(event);
    if (this.runId && this.ctx.store && event.type !== 'operation-finished') {
      const host = 'host' in event ? event.host : undefined;
      this.log.push(this.ctx.store.appendEvent(this.runId, { host, type: event.type, message: describeEvent(event), data: event }));
    }
  }

  async run(): Promise<HostRunSummary[]> {
    const totalHosts = this.summaries.size;
    for (const wave of this.prepared.waves) {
      const chunks = this.options.serial ? chunk(wave, this.options.serial) : [wave];
      for (const batches of chunks) {
        await mapLimit(batches, this.ctx.parallel ?? 10, (batch) => this.runBatch(batch, totalHosts));
      }
    }
    await Promise.all(this.log);
    return [...this.summaries.values()];
  }

  private async runBatch(batch: Batch, totalHosts: number): Promise<void> {
    const summary = this.summary(batch.host);
    const blockedBy = this.blockedBy(batch, summary, totalHosts);
    if (blockedBy) {
      this.skip(batch, blockedBy);
      return;
    }
    this.emit({ type: 'host-started', host: batch.host, wave: batch.wave, steps: batch.steps.map((step) => step.id) });
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

  /** Plans and applies one host's steps; every command sent to the host counts in `summary.roundTrips`. */
  private async applyBatch(batch: Batch, summary: HostRunSummary): Promise<HostResult> {
    const ctx = this.ctx;
    const secrets = this.prepared.secrets;
    const executor = ctx.executorFor(batch.host);
    if (!this.facts.has(batch.host)) summary.roundTrips += 1;
    const operations = batchOperations(batch.steps, {
      host: await this.facts.get(batch.host),
      secrets: this.prepared.secretValues,
      outputs: this.outputs,
      action: ctx.action,
    });
    const options = { secrets, sudo: ctx.sudo, baseDir: ctx.baseDir, timeoutMs: ctx.timeoutMs, signal: ctx.signal };
    const hostPlan = await planHost(executor, operations, options);
    summary.roundTrips += hostPlan.roundTrips;
    this.emit({ type: 'host-planned', host: batch.host, wave: batch.wave, changes: hostPlan.changes, errors: hostPlan.errors });
    const result = await applyHost(executor, hostPlan, {
      ...options,
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
    const failedSteps = new Set(result.operations.filter((op) => op.status === 'failed' || op.status === 'skipped').map((op) => stepOfOperation(op.id)));
    if (result.error) this.fail(batch, summary, toFailure(result.error, this.prepared.secrets), failedSteps);
    const store = this.ctx.store;
    if (!store || !this.runId) return;
    for (const op of result.operations) {
      await store.recordOperation(this.runId, {
        host: batch.host,
        operationId: op.id,
        kind: op.kind,
        status: op.status,
        summary: redact(op.summary, this.prepared.secrets),
        durationMs: op.durationMs,
      });
    }
    for (const step of batch.steps) {
      if (failedSteps.has(step.entry.name)) continue;
      if (this.ctx.action === 'remove') await store.removeTaskserv(this.ctx.infra.name, batch.host, step.entry.name);
      else {
        await store.recordTaskserv({
          infra: this.ctx.infra.name,
          host: batch.host,
          name: step.entry.name,
          version: step.definition.version,
          // The params as written ({{secret.X}} references, not values): a hash of a weak password could be guessed.
          paramsHash: paramsHash(step.params),
          runId: this.runId,
        });
      }
    }
  }

  private blockedBy(batch: Batch, summary: HostRunSummary, totalHosts: number): string | undefined {
    if (this.ctx.signal?.aborted) return 'the run was cancelled';
    if (this.stopReason) return this.stopReason;
    if (summary.status === 'failed') return `${batch.host} failed earlier in this run`;
    const failedDependency = batch.steps.flatMap((step) => step.dependsOn).find((id) => this.brokenSteps.has(id));
    if (failedDependency) return `it depends on ${failedDependency}, which did not complete`;
    const failedHosts = [...this.summaries.values()].filter((s) => s.status === 'failed').length;
    if (this.options.failFast && failedHosts > 0) return (this.stopReason = 'fail-fast: a host failed');
    const limit = this.options.maxFailPercent;
    if (limit !== undefined && (failedHosts / totalHosts) * 100 > limit) {
      return (this.stopReason = `more than ${limit}% of hosts failed (${failedHosts} of ${totalHosts})`);
    }
    return undefined;
  }

  private skip(batch: Batch, reason: string): void {
    const summary = this.summary(batch.host);
    if (summary.status === 'ok' && summary.changed + summary.unchanged === 0) summary.status = 'skipped';
    summary.skippedBecause ??= reason;
    for (const step of batch.steps) this.brokenSteps.add(step.id);
    this.emit({ type: 'host-finished', host: batch.host, wave: batch.wave, status: 'skipped', changed: 0, durationMs: 0, error: reason });
  }

  private fail(batch: Batch, summary: HostRunSummary, failure: HostFailure, steps?: ReadonlySet<string>): void {
    summary.status = 'failed';
    summary.error ??= failure;
    for (const step of batch.steps) if (!steps || steps.has(step.entry.name)) this.brokenSteps.add(step.id);
  }

  private summary(host: string): HostRunSummary {
    let summary = this.summaries.get(host);
    if (!summary) {
      summary = { host, status: 'ok', changed: 0, unchanged: 0, failed: 0, skipped: 0, durationMs: 0, roundTrips: 0, steps: [] };
      this.summaries.set(host, summary);
    }
    return summary;
  }
}

async function assertPlanCurrent(ctx: RunContext, saved: RunPlan): Promise<void> {
  const reasons: string[] = [];
  if (saved.infra !== ctx.infra.name) reasons.push(`it was made for infra "${saved.infra}", not "${ctx.infra.name}"`);
  if (saved.action !== ctx.action) reasons.push(`it was made to ${saved.action}, not to ${ctx.action}`);
  const current = await plan({ ...ctx, onEvent: undefined });
  if (current.lastRunId !== saved.lastRunId) {
    reasons.push(`run ${current.lastRunId ?? '?'} changed the state after the plan was made (it knew run ${saved.lastRunId ?? 'none'})`);
  }
  if (current.fingerprint !== saved.fingerprint) {
    const before = new Map(saved.hosts.map((host) => [`${host.host}#${host.wave}`, JSON.stringify(host.operations)]));
    const changed = current.hosts.filter((host) => before.get(`${host.host}#${host.wave}`) !== JSON.stringify(host.operations)).map((host) => host.host);
    reasons.push(`what it would do on ${changed.length ? [...new Set(changed)].join(', ') : 'the hosts'} changed since it was made (the hosts or the infra changed)`);
  }
  if (reasons.length) throw new StalePlanError(reasons);
}

function keepLockAlive(ctx: RunContext, lock: AcquiredLock): NodeJS.Timeout {
  const leaseMs = lock.expiresAt.getTime() - lock.acquiredAt.getTime();
  const timer = setInterval(() => {
    ctx.store?.renewLock(lock.id).catch(() => undefined);
  }, Math.max(1000, leaseMs / 3));
  timer.unref();
  return timer;
}

function toFailure(error: unknown, secrets: readonly string[]): HostFailure {
  if (error instanceof OperationFailedError) {
    return {
      operationId: error.operationId,
      message: redact(error.message, secrets),
      command: redact(error.command, secrets),
      exitCode: error.exitCode,
      stderrTail: error.stderrTail.map((line) => redact(line, secrets)),
      nextStep: error.nextStep,
    };
  }
  if (error instanceof StaleHostError) {
    return { operationId: error.operationId, message: redact(error.message, secrets), command: '', exitCode: null, stderrTail: [], nextStep: error.nextStep };
  }
  return { message: redact(error instanceof Error ? error.message : String(error), secrets) };
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

function actor(): string {
  try {
    return `${userInfo().username}@${hostname()}`;
  } catch {
    return hostname();
  }
}

function describeEvent(event: EngineEvent): string {
  switch (event.type) {
    case 'run-started':
      return `${event.action} ${event.steps.length} steps on ${event.hosts.length} hosts`;
    case 'host-started':
      return `wave ${event.wave}: ${event.steps.join(', ')}`;
    case 'host-planned':
      return `${event.changes} to change, ${event.errors} errors`;
    case 'host-finished':
      return `${event.status}, ${event.changed} changed${event.error ? `: ${event.error}` : ''}`;
    case 'run-finished':
      return `${event.status} in ${event.durationMs} ms`;
    default:
      return event.type;
  }
}
