import type {
  StepDependency,
  StepError,
  StepPhase,
  StepRecord,
  StepStatus,
  WorkflowRecord,
  WorkflowStatus,
} from './workflow-store';

export type WorkflowRow = {
  id: string;
  name: string;
  version: string | null;
  status: WorkflowStatus;
  parallel_limit: number;
  rollback_enabled: number;
  workspace: string | null;
  idempotency_key: string | null;
  definition: string | null;
  running: number;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
};

export type StepRow = {
  workflow_id: string;
  phase: StepPhase;
  step_id: string;
  ord: number;
  status: StepStatus;
  pending_deps: number;
  dependencies: string;
  spec: string | null;
  rollback: string | null;
  attempt: number;
  tries: number;
  lease_token: string | null;
  worker: string | null;
  lease_expires_at: number | null;
  available_at: number;
  started_at: number | null;
  finished_at: number | null;
  duration_ms: number | null;
  outputs: string | null;
  error: string | null;
};

export function toWorkflow(row: WorkflowRow, counts: Partial<Record<StepStatus, number>>): WorkflowRecord {
  return {
    id: row.id,
    name: row.name,
    ...(row.version !== null ? { version: row.version } : {}),
    status: row.status,
    parallelLimit: row.parallel_limit,
    rollbackEnabled: row.rollback_enabled === 1,
    ...(row.workspace !== null ? { workspace: row.workspace } : {}),
    ...(row.idempotency_key !== null ? { idempotencyKey: row.idempotency_key } : {}),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    ...(row.finished_at !== null ? { finishedAt: new Date(row.finished_at) } : {}),
    counts,
  };
}

export function toStep(row: StepRow): StepRecord {
  const optionalDate = (value: number | null) => (value === null ? undefined : new Date(value));
  const record: StepRecord = {
    id: row.step_id,
    phase: row.phase,
    status: row.status,
    dependencies: JSON.parse(row.dependencies) as StepDependency[],
    spec: parseJson(row.spec),
    attempt: row.attempt,
    tries: row.tries,
  };
  const optional: Partial<StepRecord> = {
    rollback: parseJson(row.rollback),
    worker: row.status === 'running' ? (row.worker ?? undefined) : undefined,
    leaseExpiresAt: row.status === 'running' ? optionalDate(row.lease_expires_at) : undefined,
    availableAt: row.status === 'ready' && row.available_at > 0 ? new Date(row.available_at) : undefined,
    startedAt: optionalDate(row.started_at),
    finishedAt: optionalDate(row.finished_at),
    durationMs: row.duration_ms ?? undefined,
    outputs: parseJson(row.outputs),
    error: parseJson(row.error) as StepError | undefined,
  };
  for (const [key, value] of Object.entries(optional))
    if (value !== undefined) (record as unknown as Record<string, unknown>)[key] = value;
  return record;
}

export function parseJson(text: string | null): unknown {
  return text === null ? undefined : JSON.parse(text);
}

export function json(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}
