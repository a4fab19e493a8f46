import { LockHeldError } from '@provisioning/store';
import { hostname, userInfo } from 'node:os';
import { InfraLockedError } from '../errors';
import { ApplyRunner, type RunnerOptions } from './apply-runner';
import { LockLease } from './lock-lease';
import { assertPlanApplies } from './plan-staleness';
import { prepareRun } from './prepare-run';
import type { RunRequest } from './run-request';
import type { RunPlan } from './run-plan';
import { RunRecorder } from './run-recorder';
import type { RunResult } from './run-result';

export interface ApplyRunOptions extends Omit<RunnerOptions, 'plan' | 'stopped' | 'beforeHost'> {
  /** What the run log and the lock call this run (default: "apply" or "remove"). */
  command?: string;
  /**
   * The plan that was shown (or saved): each host's facts are read again and compared with those
   * it was made from, and a host that changed since is refused as stale, nothing changed on it.
   */
  plan?: RunPlan;
}

/**
 * Applies a run under the infra's lock: every host plans and applies its steps on one connection
 * (ApplyRunner), every operation's outcome and the run's events go to the store as they happen.
 */
export async function apply(ctx: RunRequest, options: ApplyRunOptions = {}): Promise<RunResult> {
  if (options.plan) assertPlanApplies(options.plan, ctx.infra.name, ctx.action);
  const prepared = prepareRun(ctx);
  const command = options.command ?? (ctx.action === 'remove' ? 'remove' : 'apply');
  const started = Date.now();
  const lease = ctx.store ? new LockLease(ctx.store, await acquire(ctx, command)) : undefined;
  try {
    // A stale lock means its run's process died: that run is interrupted, not running forever.
    if (lease?.lock.replaced && ctx.store) await ctx.store.interruptRuns(ctx.infra.name);
    const run = ctx.store
      ? await ctx.store.startRun({ infra: ctx.infra.name, command, actor: actor() })
      : undefined;
    const lockLost = 'the infra lock was lost (forced unlock, or its lease expired): stopped starting hosts';
    const runner = new ApplyRunner(
      ctx,
      prepared,
      {
        ...options,
        stopped: () => (lease?.lost ? lockLost : undefined),
        beforeHost: async () => lease?.renew(),
      },
      new RunRecorder(ctx.store, run?.id, ctx.infra.name),
    );
    runner.emit({
      type: 'run-started',
      runId: run?.id,
      infra: ctx.infra.name,
      action: ctx.action,
      hosts: [...new Set(prepared.steps.map((step) => step.server.name))],
      steps: prepared.steps.map((step) => step.id),
    });
    const hosts = await runner.run();
    const status = ctx.signal?.aborted
      ? 'cancelled'
      : lease?.lost || hosts.some((host) => host.status === 'failed')
        ? 'failed'
        : 'succeeded';
    if (run && ctx.store) await ctx.store.finishRun(run.id, status);
    const durationMs = Date.now() - started;
    const stoppedBecause = runner.stoppedBecause ?? (lease?.lost ? lockLost : undefined);
    runner.emit({
      type: 'run-finished',
      runId: run?.id,
      status,
      durationMs,
      ...(stoppedBecause ? { stoppedBecause } : {}),
    });
    return {
      runId: run?.id,
      infra: ctx.infra.name,
      action: ctx.action,
      status,
      hosts,
      changed: hosts.reduce((sum, host) => sum + host.changed, 0),
      failedHosts: hosts.filter((host) => host.status === 'failed').length,
      durationMs,
      ...(stoppedBecause ? { stoppedBecause } : {}),
      ...(lease?.lost ? { lockLost: true } : {}),
    };
  } finally {
    await lease?.end();
  }
}

async function acquire(ctx: RunRequest, command: string) {
  try {
    return await (ctx.store as NonNullable<RunRequest['store']>).acquireLock(ctx.infra.name, { command });
  } catch (error) {
    if (error instanceof LockHeldError) throw new InfraLockedError(error.message, error.lock.id);
    throw error;
  }
}

function actor(): string {
  try {
    return `${userInfo().username}@${hostname()}`;
  } catch {
    return hostname();
  }
}
