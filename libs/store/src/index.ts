// @provisioning/store: run state, installed task services, run log and the apply lock.
export type {
  AcquiredLock,
  AcquireLockOptions,
  InstalledTaskserv,
  LockRecord,
  OperationRecord,
  OperationStatus,
  RunDetail,
  RunEvent,
  RunRecord,
  RunStatus,
  RunSummary,
  StateStore,
} from './lib/state-store';
export type {
  ProviderCallPhase,
  ProviderCallRecord,
  ServerRecord,
  ServerRecordStatus,
  ServerRecordStore,
} from './lib/server-records';
export { SqliteStateStore } from './lib/sqlite/sqlite-state-store';
export { LockHeldError, LockLostError, StateSchemaError } from './lib/errors';
export { paramsHash } from './lib/params-hash';
export { holdLock } from './lib/hold-lock';
export type { HeldLock } from './lib/hold-lock';
export { processAlive } from './lib/process-alive';

/** Where the embedded store lives, relative to the workspace root. */
export const DEFAULT_STATE_PATH = '.provisioning/state.db';

// Durable batch workflows (the orchestrator's queue): one interface, SQLite and PostgreSQL.
export type {
  LeaseOptions,
  ListWorkflowsQuery,
  NewStep,
  StepDependency,
  StepError,
  StepLease,
  StepOutcome,
  StepPhase,
  StepRecord,
  StepStatus,
  SubmitWorkflowInput,
  WorkflowDetail,
  WorkflowEvent,
  WorkflowPage,
  WorkflowRecord,
  WorkflowStatus,
  WorkflowStore,
  WorkflowStoreMetrics,
} from './lib/workflow/workflow-store';
export { TERMINAL_WORKFLOW_STATUSES } from './lib/workflow/workflow-store';
export { DEFAULT_WORKFLOW_STORE_PATH, openWorkflowStore } from './lib/workflow/open-workflow-store';
export {
  LeaseLostError,
  WorkflowDefinitionError,
  WorkflowNotFoundError,
  WorkflowStateError,
} from './lib/workflow/errors';
