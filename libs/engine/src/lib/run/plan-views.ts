import { createHash } from 'node:crypto';
import type { HostPlan } from '@provisioning/operations';
import { redact } from '@provisioning/sdk';
import type { HostBatch } from '../steps/host-waves';
import { stepOfOperation } from './batch-operations';
import { factsFingerprint } from './facts-fingerprint';
import type { HostPlanView, PlanOperationView } from './run-plan';

export function plannedView(batch: HostBatch, plan: HostPlan): HostPlanView {
  const operations: PlanOperationView[] = plan.operations.map((op) => ({
    id: op.id,
    step: `${stepOfOperation(op.id)}@${batch.host}`,
    kind: op.kind,
    status: op.status,
    summary: op.summary,
    ...(op.diff ? { diff: op.diff } : {}),
    ...(op.reason ? { reason: op.reason } : {}),
    ...(op.status === 'unchanged' || op.status === 'change' ? { facts: factsFingerprint(op.facts) } : {}),
    ...(op.everyApply ? { everyApply: true } : {}),
  }));
  return {
    ...batchHead(batch),
    status: 'planned',
    operations,
    changes: plan.changes,
    commandsEveryApply: plan.commandsEveryApply,
    errors: plan.errors,
  };
}

export function waitingView(batch: HostBatch, waitingFor: readonly string[]): HostPlanView {
  return {
    ...batchHead(batch),
    status: 'known-after-apply',
    operations: [],
    changes: batch.steps.length,
    errors: 0,
    reason: `known after apply: waits for ${waitingFor.join(', ')}, which change first`,
  };
}

export function failedView(batch: HostBatch, error: unknown, secrets: readonly string[]): HostPlanView {
  const message = error instanceof Error ? error.message : String(error);
  return {
    ...batchHead(batch),
    status: 'error',
    operations: [],
    changes: 0,
    errors: 1,
    reason: redact(message, secrets),
  };
}

function batchHead(batch: HostBatch) {
  return { host: batch.host, wave: batch.wave, steps: batch.steps.map((step) => step.id) };
}

/** Steps of a view that change or may change (their dependents on other hosts must wait). */
export function pendingSteps(view: HostPlanView): string[] {
  if (view.status !== 'planned') return view.steps;
  return [...new Set(view.operations.filter((op) => op.status !== 'unchanged').map((op) => op.step))];
}

/** Stable over everything a plan says would happen, and nothing else (not the time it was made). */
export function planFingerprint(hosts: readonly HostPlanView[]): string {
  const canonical = hosts.map((host) => ({
    host: host.host,
    steps: host.steps,
    status: host.status,
    reason: host.reason ?? null,
    operations: host.operations.map((op) => [
      op.id,
      op.status,
      op.summary,
      op.diff ?? null,
      op.reason ?? null,
    ]),
  }));
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}
