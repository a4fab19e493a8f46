import type { HostPlan } from '@provisioning/operations';
import { EngineError } from '../errors';
import { changedFacts, factsFingerprint } from './facts-fingerprint';
import type { HostPlanView, RunPlan } from './run-plan';
import { StalePlanError } from './stale-plan-error';

/** One operation of a host whose facts (or planned outcome) differ from those the plan was made from. */
export interface StaleOperation {
  operationId: string;
  /** What differs: fact names (`content`, `mode`, ...), or a sentence when the operation itself changed. */
  changed: string[];
}

/** A host refused by apply because it no longer matches the plan that was shown; nothing was changed on it. */
export class StaleHostError extends EngineError {
  override name = 'StaleHostError';
  constructor(
    readonly host: string,
    readonly operations: readonly StaleOperation[],
  ) {
    const first = operations
      .slice(0, 3)
      .map((op) => `${op.operationId} (${op.changed.join(', ')})`)
      .join('; ');
    super(
      `${host} changed since the plan was made, so nothing was applied on it: ${first}${operations.length > 3 ? `; and ${operations.length - 3} more` : ''}`,
      "run 'provisioning plan' again, review what changed, and apply the new plan",
      'stale-plan',
    );
  }
}

/** The whole plan is unusable here (another infra, another action, an unknown format). */
export function assertPlanApplies(plan: RunPlan, infra: string, action: string): void {
  const reasons: string[] = [];
  if (plan.version !== 1)
    reasons.push(`it has format version ${String(plan.version)}, this engine reads version 1`);
  if (plan.infra !== infra) reasons.push(`it was made for infra "${plan.infra}", not "${infra}"`);
  if (plan.action !== action) reasons.push(`it was made to ${plan.action}, not to ${action}`);
  if (reasons.length) throw new StalePlanError(reasons);
}

/**
 * Compares what a host looks like now (a fresh plan of the same batch, from facts read in this
 * apply's round trip) with what the shown plan said, operation by operation. Operations the plan
 * marked known after apply are decided during apply and not compared. Throws StaleHostError.
 */
export function assertHostMatchesPlan(host: string, shown: HostPlanView | undefined, fresh: HostPlan): void {
  if (!shown) {
    throw new StaleHostError(host, [
      { operationId: '(host)', changed: ['the plan has no such step on this host: the infra changed since'] },
    ]);
  }
  if (shown.status === 'known-after-apply') return;
  const stale: StaleOperation[] = [];
  const freshById = new Map(fresh.operations.map((op) => [op.id, op]));
  const shownIds = new Set(shown.operations.map((op) => op.id));
  for (const op of fresh.operations) {
    if (!shownIds.has(op.id))
      stale.push({ operationId: op.id, changed: ['not in the plan (the infra changed since)'] });
  }
  for (const planned of shown.operations) {
    const now = freshById.get(planned.id);
    if (!now) {
      stale.push({ operationId: planned.id, changed: ['no longer in the infra'] });
      continue;
    }
    if (planned.status === 'known-after-apply') continue;
    if (planned.facts && (now.status === 'unchanged' || now.status === 'change')) {
      const facts = changedFacts(planned.facts, factsFingerprint(now.facts));
      if (facts.length) {
        stale.push({ operationId: planned.id, changed: facts });
        continue;
      }
    }
    if (
      now.status !== planned.status ||
      now.summary !== planned.summary ||
      (now.diff ?? '') !== (planned.diff ?? '')
    ) {
      stale.push({
        operationId: planned.id,
        changed: [`planned "${planned.summary}" (${planned.status}), now "${now.summary}" (${now.status})`],
      });
    }
  }
  if (stale.length) throw new StaleHostError(host, stale);
}
