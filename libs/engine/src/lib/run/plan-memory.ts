import { createHash } from 'node:crypto';
import type { HostPlan } from '@provisioning/operations';
import type { HostFacts, Operation } from '@provisioning/sdk';
import type { RunPlan } from './run-plan';

/**
 * What `plan()` read from each host, kept in this process beside the RunPlan object it returned.
 * Applying that same object (the CLI's plan, confirm, apply; an MCP plan id) then reuses it instead
 * of reading every host again: the host facts, and per host batch the full plan the shown one was
 * made from, which the apply chain checks on the host (it re-reads the facts in its own round trip
 * and refuses a host where they changed). A plan read back from a file has no memory and is
 * re-planned and compared as before. Held weakly: dropping the plan drops what it read.
 */
export interface PlanMemory {
  readonly hostFacts: Map<string, HostFacts>;
  /** By `host#wave`: the digest of the operations the batch was planned with, and the plan made from them. */
  readonly batches: Map<string, { operations: string; plan: HostPlan }>;
}

const memories = new WeakMap<RunPlan, PlanMemory>();

export function newPlanMemory(): PlanMemory {
  return { hostFacts: new Map(), batches: new Map() };
}

export function rememberPlan(plan: RunPlan, memory: PlanMemory): void {
  memories.set(plan, memory);
}

export function recallPlan(plan: RunPlan | undefined): PlanMemory | undefined {
  return plan ? memories.get(plan) : undefined;
}

/**
 * A digest of a batch's operations: reuse a remembered plan only for exactly these. A hash, so the
 * memory does not hold every file's content a second time beside the plan.
 */
export function operationsKey(operations: readonly Operation[]): string {
  return createHash('sha256').update(JSON.stringify(operations)).digest('hex');
}
