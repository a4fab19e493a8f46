/**
 * Durable batch workflows: what a workflow store keeps and the one interface its SQLite and
 * PostgreSQL implementations share (one conformance suite, src/testing/workflow-store-contract.ts).
 *
 * The store owns the bookkeeping of the DAG (which step is runnable, who holds it, what it left);
 * what a step does is opaque JSON (`spec`) that the runner in the engine interprets. Every method
 * returns only after its change is committed: a crash after an acknowledgement loses nothing.
 */

export type WorkflowStatus =
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'cancelling'
  | 'cancelled'
  | 'rolling_back'
  | 'rolled_back'
  | 'rollback_failed';

export const TERMINAL_WORKFLOW_STATUSES: readonly WorkflowStatus[] = [
  'succeeded',
  'failed',
  'cancelled',
  'rolled_back',
  'rollback_failed',
];

/**
 * waiting: dependencies unfinished · ready: runnable (maybe after `availableAt`, a retry's backoff)
 * · running: leased by a worker · succeeded / failed: final result of the step · skipped: never ran
 * (a hard dependency failed, or the workflow failed or was cancelled first).
 */
export type StepStatus = 'waiting' | 'ready' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';

/** Forward steps do the work; rollback steps run the compensations, in reverse dependency order. */
export type StepPhase = 'forward' | 'rollback';

export interface StepDependency {
  id: string;
  /** hard: wait for success (a failure skips this step) · soft: wait for completion, whatever its result. */
  kind: 'hard' | 'soft';
}

export interface NewStep {
  id: string;
  dependencies: readonly StepDependency[];
  /** What to run, interpreted by the runner; stored as JSON. */
  spec: unknown;
  /** The compensation to run if the workflow is rolled back after this step succeeded; none: nothing to undo. */
  rollback?: unknown;
}

export interface SubmitWorkflowInput {
  name: string;
  version?: string;
  /** Steps of this workflow leased at once at most (across every worker). */
  parallelLimit: number;
  /** Roll back automatically when the workflow fails. */
  rollbackEnabled: boolean;
  steps: readonly NewStep[];
  /** The submitted document, kept as given (already redacted), for display. */
  definition?: unknown;
  /** Where its steps run (a workspace directory on the orchestrator's machine). */
  workspace?: string;
  /** A resubmission with the same key returns the workflow the first one created. */
  idempotencyKey?: string;
  /** A parent workflow's step that started this one. */
  parent?: { workflowId: string; stepId: string };
}

export interface WorkflowRecord {
  id: string;
  name: string;
  version?: string;
  status: WorkflowStatus;
  parallelLimit: number;
  rollbackEnabled: boolean;
  workspace?: string;
  idempotencyKey?: string;
  createdAt: Date;
  updatedAt: Date;
  finishedAt?: Date;
  /** Steps per status (both phases). */
  counts: Partial<Record<StepStatus, number>>;
}

export interface StepError {
  message: string;
  hint?: string;
  /** The class of failure, matched against a step's `retry.on` (e.g. `timeout`, `connection`, `exit`). */
  class?: string;
}

export interface StepRecord {
  id: string;
  phase: StepPhase;
  status: StepStatus;
  dependencies: StepDependency[];
  spec: unknown;
  rollback?: unknown;
  /** Attempts so far, all time (the lease number: it grows on every lease, retries and takeovers included). */
  attempt: number;
  /** Attempts since the step last became runnable through resume: what the retry policy counts. */
  tries: number;
  worker?: string;
  leaseExpiresAt?: Date;
  availableAt?: Date;
  startedAt?: Date;
  finishedAt?: Date;
  durationMs?: number;
  outputs?: unknown;
  error?: StepError;
}

export interface WorkflowDetail {
  workflow: WorkflowRecord;
  definition?: unknown;
  steps: StepRecord[];
}

export interface WorkflowEvent {
  /** Increases across the store: the SSE event id, and the cursor of `listEvents`. */
  seq: number;
  workflowId: string;
  at: Date;
  type: string;
  stepId?: string;
  phase?: StepPhase;
  data?: unknown;
}

/** A step leased to one worker: only this lease (its token) may complete it. */
export interface StepLease {
  workflowId: string;
  stepId: string;
  phase: StepPhase;
  token: string;
  attempt: number;
  tries: number;
  spec: unknown;
  workspace?: string;
  expiresAt: Date;
  /** Results of this step's dependencies (ids → outputs), so a step can read what earlier ones left. */
  inputs: Record<string, unknown>;
}

export type StepOutcome =
  | { status: 'succeeded'; outputs?: unknown }
  | { status: 'failed'; error: StepError; outputs?: unknown; retryAt?: Date }
  | { status: 'cancelled'; error: StepError; outputs?: unknown }
  /** The worker is shutting down: the attempt is recorded as interrupted and the step runs again. */
  | { status: 'interrupted'; error: StepError };

export interface LeaseOptions {
  worker: string;
  limit: number;
  leaseMs: number;
}

export interface ListWorkflowsQuery {
  status?: WorkflowStatus;
  limit?: number;
  /** From a previous page's `nextCursor`. */
  cursor?: string;
}

export interface WorkflowPage {
  items: WorkflowRecord[];
  nextCursor?: string;
}

export interface WorkflowStoreMetrics {
  workflowsByStatus: Partial<Record<WorkflowStatus, number>>;
  stepsByStatus: Partial<Record<StepStatus, number>>;
  /** Steps runnable now and not leased. */
  queueDepth: number;
}

export interface WorkflowStore {
  /** Records a workflow and its steps (steps without dependencies become ready) in one transaction. */
  submit(input: SubmitWorkflowInput): Promise<{ workflow: WorkflowRecord; created: boolean }>;
  getWorkflow(id: string): Promise<WorkflowDetail | undefined>;
  listWorkflows(query?: ListWorkflowsQuery): Promise<WorkflowPage>;
  /** Events after `afterSeq` (exclusive), oldest first. */
  listEvents(workflowId: string, afterSeq?: number, limit?: number): Promise<WorkflowEvent[]>;
  /** Appends an event (progress of a running step, say); returns its seq. */
  appendEvent(
    workflowId: string,
    event: { type: string; stepId?: string; phase?: StepPhase; data?: unknown },
  ): Promise<number>;

  /**
   * Leases up to `limit` runnable steps to `worker`, honouring each workflow's parallel limit:
   * ready steps whose backoff has passed, and running steps whose lease expired (their worker is
   * gone: the attempt is recorded as lost and runs again). The start of the attempt is committed
   * before this returns.
   */
  leaseSteps(options: LeaseOptions): Promise<StepLease[]>;
  /** Extends every lease `worker` holds; returns those whose workflow is being cancelled (abort them). */
  renewLeases(
    worker: string,
    leaseMs: number,
  ): Promise<{
    renewed: number;
    cancelling: Array<{ workflowId: string; stepId: string; phase: StepPhase }>;
  }>;
  /**
   * Records a leased step's result and, in the same transaction, makes its dependents runnable
   * (or skips them) and finishes the workflow when nothing is left. Throws LeaseLostError unless
   * `lease` is still the step's current lease.
   */
  completeStep(
    lease: Pick<StepLease, 'workflowId' | 'stepId' | 'phase' | 'token'>,
    outcome: StepOutcome,
  ): Promise<void>;

  /** Stops new steps; running ones are aborted by their workers (renewLeases tells them). */
  cancel(id: string): Promise<WorkflowRecord>;
  /** Makes a failed, cancelled or interrupted workflow run again from its last committed steps. */
  resume(id: string): Promise<WorkflowRecord>;
  /** Runs the compensations of the succeeded steps in reverse dependency order. */
  rollback(id: string): Promise<WorkflowRecord>;

  metrics(): Promise<WorkflowStoreMetrics>;
  close(): Promise<void>;
}
