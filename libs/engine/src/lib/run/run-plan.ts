import type { PlannedStatus } from '@provisioning/operations';
import type { RunAction } from './engine-events';
import type { FactsFingerprint } from './facts-fingerprint';

/** One operation as a plan shows it: no facts, no file contents (those stay in memory only). */
export interface PlanOperationView {
  id: string;
  step: string;
  kind: string;
  status: PlannedStatus;
  summary: string;
  diff?: string;
  reason?: string;
  /** Digests of the facts it was planned from (absent when known after apply): apply refuses the host if they changed. */
  facts?: FactsFingerprint;
  /** An unguarded shell command: it runs on every apply. */
  everyApply?: boolean;
}

export interface HostPlanView {
  host: string;
  wave: number;
  steps: string[];
  /** `known-after-apply`: a step here waits for a change on another host, so it cannot be planned yet. */
  status: 'planned' | 'known-after-apply' | 'error';
  operations: PlanOperationView[];
  changes: number;
  /** Of `changes`, unguarded shell commands (a converged host shows "N commands run on every apply, nothing else changes"). */
  commandsEveryApply?: number;
  errors: number;
  reason?: string;
}

/** What `provisioning plan` prints and `--plan FILE` saves. */
export interface RunPlan {
  version: 1;
  infra: string;
  action: RunAction;
  createdAt: string;
  hosts: HostPlanView[];
  /** Operations that will or may change, over all hosts. */
  changes: number;
  errors: number;
  /** Hash over every host's operations and statuses: apply refuses a saved plan whose fingerprint no longer matches. */
  fingerprint: string;
  /** The last recorded run of the infra when planned (informational: staleness is judged per host from facts). */
  lastRunId: string | null;
  /** What was selected when planning; applying the plan works on exactly this selection. */
  selection?: { servers?: string[]; taskservs?: string[] };
}
