import { type HostBatch } from '../steps/host-waves';
import { batchOperations, type OutputsBook } from './batch-operations';
import { HostFactsCache } from './host-facts-cache';
import { mapLimit } from './map-limit';
import { planHostBatch } from './plan-host-batch';
import { newPlanMemory, operationsKey, type PlanMemory, rememberPlan } from './plan-memory';
import { failedView, pendingSteps, planFingerprint, plannedView, waitingView } from './plan-views';
import { type PreparedRun, type PreparedStep, prepareRun } from './prepare-run';
import { readOutputs } from './read-outputs';
import type { RunRequest } from './run-request';
import type { HostPlanView, RunPlan } from './run-plan';

/**
 * Plans a run without changing anything: per host, one round trip for the facts of all its
 * operations, and one before it for the host facts unless an earlier run left them to check in the
 * same round trip (plan-host-batch.ts). A step that waits for a change on another host is "known after
 * apply" rather than planned from facts that its dependency will change.
 */
export async function plan(ctx: RunRequest): Promise<RunPlan> {
  const prepared = prepareRun(ctx);
  const facts = new HostFactsCache(ctx);
  const outputs: OutputsBook = new Map();
  const pending = new Set<string>();
  const hosts: HostPlanView[] = [];
  const memory = newPlanMemory();

  for (const wave of prepared.waves) {
    const views = await mapLimit(wave, ctx.parallel ?? 10, (batch) =>
      planBatch(ctx, prepared, batch, { facts, outputs, pending, memory }),
    );
    for (const view of views) {
      for (const step of pendingSteps(view)) pending.add(step);
      hosts.push(view);
    }
  }
  const lastRun = ctx.store ? (await ctx.store.listRuns({ infra: ctx.infra.name, limit: 1 }))[0] : undefined;
  const runPlan: RunPlan = {
    version: 1,
    infra: ctx.infra.name,
    action: ctx.action,
    createdAt: new Date().toISOString(),
    hosts,
    changes: hosts.reduce((sum, host) => sum + host.changes, 0),
    errors: hosts.reduce((sum, host) => sum + host.errors, 0),
    fingerprint: planFingerprint(hosts),
    lastRunId: lastRun?.id ?? null,
    selection: {
      ...(ctx.servers ? { servers: [...ctx.servers] } : {}),
      ...(ctx.taskservs ? { taskservs: [...ctx.taskservs] } : {}),
    },
  };
  rememberPlan(runPlan, memory);
  await facts.remember();
  return runPlan;
}

interface PlanState {
  facts: HostFactsCache;
  outputs: OutputsBook;
  pending: Set<string>;
  memory: PlanMemory;
}

async function planBatch(
  ctx: RunRequest,
  prepared: PreparedRun,
  batch: HostBatch & { steps: PreparedStep[] },
  state: PlanState,
): Promise<HostPlanView> {
  const remote = remoteDependencies(prepared, batch);
  const waitingFor = remote.filter((step) => state.pending.has(step.id)).map((step) => step.id);
  if (waitingFor.length > 0) return waitingView(batch, waitingFor);
  try {
    for (const dependency of remote) {
      await readOutputs(
        ctx.executorFor(dependency.server.name),
        dependency,
        state.outputs,
        prepared.secrets,
        ctx.sudo,
      );
    }
    const {
      hostFacts,
      operations,
      plan: hostPlan,
    } = await planHostBatch(
      ctx.executorFor(batch.host),
      state.facts,
      (host) =>
        batchOperations(batch.steps, {
          host,
          secrets: prepared.secretValues,
          outputs: state.outputs,
          action: ctx.action,
          infra: prepared.infra,
        }),
      {
        secrets: prepared.secrets,
        sudo: ctx.sudo,
        baseDir: ctx.baseDir,
        timeoutMs: ctx.timeoutMs,
        signal: ctx.signal,
      },
    );
    state.memory.hostFacts.set(batch.host, hostFacts);
    state.memory.batches.set(`${batch.host}#${batch.wave}`, {
      operations: operationsKey(operations),
      plan: hostPlan,
    });
    ctx.onEvent?.({
      type: 'host-planned',
      host: batch.host,
      wave: batch.wave,
      changes: hostPlan.changes,
      errors: hostPlan.errors,
    });
    return plannedView(batch, hostPlan);
  } catch (error) {
    return failedView(batch, error, prepared.secrets);
  }
}

/** The steps on other hosts that this batch's steps depend on. */
export function remoteDependencies(prepared: PreparedRun, batch: HostBatch): PreparedStep[] {
  const ids = new Set(batch.steps.flatMap((step) => step.dependsOn));
  return prepared.steps.filter((step) => ids.has(step.id) && step.server.name !== batch.host);
}
