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
export type { ProviderCallPhase, ProviderCallRecord, ServerRecord, ServerRecordStatus, ServerRecordStore } from './lib/server-records';
export { SqliteStateStore } from './lib/sqlite/sqlite-state-store';
export { LockHeldError, LockLostError, StateSchemaError } from './lib/errors';
export { paramsHash } from './lib/params-hash';
export { holdLock } from './lib/hold-lock';
export type { HeldLock } from './lib/hold-lock';
export { processAlive } from './lib/process-alive';

/** Where the embedded store lives, relative to the workspace root. */
export const DEFAULT_STATE_PATH = '.provisioning/state.db';
