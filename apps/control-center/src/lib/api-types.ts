// The shapes the orchestrator's API answers with (docs/orchestrator-api.md), as far as the page reads them.

import type { StepStatus, WorkflowStatus } from '@provisioning/engine';

export type { StepStatus, WorkflowStatus };

export interface Workflow {
  id: string;
  name: string;
  version?: string;
  status: WorkflowStatus;
  createdAt: string;
  updatedAt: string;
  finishedAt?: string;
  counts: Partial<Record<StepStatus, number>>;
}

export interface HostOutput {
  host: string;
  code?: number;
  stdout?: string;
  stderr?: string;
}

export interface Step {
  id: string;
  phase: 'forward' | 'rollback';
  status: StepStatus;
  dependencies: Array<{ id: string; kind: 'hard' | 'soft' }>;
  attempt: number;
  durationMs?: number;
  outputs?: { hosts?: HostOutput[] } | null;
  error?: { message: string; hint?: string };
}

export interface WorkflowDetail {
  workflow: Workflow;
  steps: Step[];
}

export interface WorkflowEvent {
  seq: number;
  workflowId: string;
  at: string;
  type: string;
  stepId?: string;
  phase?: 'forward' | 'rollback';
  data?: Record<string, unknown>;
}

export interface HostInventory {
  infras: Array<{
    name: string;
    hosts: Array<{
      host: string;
      lastInstalledAt: string;
      taskservs: Array<{ name: string; version: string; installedAt: string; runId: string }>;
    }>;
  }>;
}

export interface ExtensionListing {
  core: string;
  extensions: Array<{
    name: string;
    kind: string;
    version: string;
    source: 'linked' | 'workspace' | 'user' | 'builtin';
    core: string;
    fitsCore: boolean;
    used: boolean;
  }>;
}

/** Which actions the orchestrator accepts in which workflow status (as libs/store checks them). */
export const ACTIONS_ALLOWED: Record<'cancel' | 'resume' | 'rollback', readonly WorkflowStatus[]> = {
  cancel: ['running', 'rolling_back'],
  resume: ['failed', 'cancelled', 'rollback_failed'],
  rollback: ['succeeded', 'failed', 'cancelled'],
};

export const FINAL_STATUSES: readonly WorkflowStatus[] = [
  'succeeded',
  'failed',
  'cancelled',
  'rolled_back',
  'rollback_failed',
];
