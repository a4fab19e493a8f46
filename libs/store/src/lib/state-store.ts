import type { ServerRecordStore } from './server-records';

/**
 * What the engine records about runs, and the lock that keeps two applies off one infra. Async so
 * that a PostgreSQL store (shared by orchestrator workers) implements the same interface; the
 * embedded default is `SqliteStateStore` in `.provisioning/state.db`.
 */
/** `interrupted`: the run's process died (killed, crashed) and its lock was later found stale. */
export type RunStatus = 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';
export type OperationStatus = 'changed' | 'unchanged' | 'failed' | 'skipped';

export interface RunRecord {
  /** Sortable and short enough to type: "20260122-031502-a1b2c3". */
  id: string;
  infra: string;
  /** What ran: "apply", "remove", "plan". */
  command: string;
  status: RunStatus;
  startedAt: Date;
  finishedAt?: Date;
  /** Who started it (user@machine). */
  actor?: string;
}

export interface RunSummary extends RunRecord {
  hosts: number;
  changed: number;
  failed: number;
}

export interface OperationRecord {
  host: string;
  operationId: string;
  kind: string;
  status: OperationStatus;
  /** Redacted already: the store keeps what it is given. */
  summary: string;
  durationMs: number;
}

export interface RunEvent {
  seq: number;
  at: Date;
  host?: string;
  type: string;
  message: string;
  data?: unknown;
}

export interface RunDetail {
  run: RunRecord;
  operations: OperationRecord[];
  events: RunEvent[];
}

export interface InstalledTaskserv {
  infra: string;
  host: string;
  name: string;
  version: string;
  /** `paramsHash(params)` of the params last applied, to tell whether a re-apply has anything new. */
  paramsHash: string;
  runId: string;
  installedAt: Date;
}

export interface LockRecord {
  /** What `provisioning state unlock ID` takes. */
  id: string;
  infra: string;
  pid: number;
  hostname: string;
  command: string;
  acquiredAt: Date;
  expiresAt: Date;
}

export interface AcquireLockOptions {
  command: string;
  /** How long the lock holds without renewal; a holder renews it while it works. Default 15 minutes. */
  leaseMs?: number;
}

export interface AcquiredLock extends LockRecord {
  /** A stale lock (dead holder or expired lease) that was taken over, for the run log. */
  replaced?: LockRecord;
}

export interface StateStore extends ServerRecordStore {
  startRun(input: { infra: string; command: string; actor?: string }): Promise<RunRecord>;
  finishRun(runId: string, status: Exclude<RunStatus, 'running'>): Promise<void>;
  /** Marks the infra's runs still `running` as `interrupted` (call it holding the lock that replaced a stale one); returns their ids. */
  interruptRuns(infra: string): Promise<string[]>;
  /**
   * Records a host batch's operation outcomes in one transaction: all of them or, on an error,
   * none. One commit per batch, not per operation (10,000 operations at 200 hosts were 10,000
   * commits, each blocking the controller's event loop).
   */
  recordOperations(runId: string, records: readonly OperationRecord[]): Promise<void>;
  appendEvent(runId: string, event: Omit<RunEvent, 'seq' | 'at'> & { at?: Date }): Promise<void>;
  listRuns(query?: { infra?: string; limit?: number }): Promise<RunSummary[]>;
  /** A run by id (or by a unique prefix of it), with its operations and events; undefined if unknown. */
  showRun(runId: string): Promise<RunDetail | undefined>;

  /**
   * The host facts a run read (`HostFacts` of the sdk, as plain JSON), replacing the host's earlier
   * ones. A later run may plan with them, but only as a guess it checks on the host.
   */
  rememberHostFacts(infra: string, host: string, facts: Readonly<Record<string, unknown>>): Promise<void>;
  /** The host facts last remembered for each host of the infra, by host name. */
  rememberedHostFacts(infra: string): Promise<Map<string, Record<string, unknown>>>;

  recordTaskserv(record: Omit<InstalledTaskserv, 'installedAt'>): Promise<void>;
  removeTaskserv(infra: string, host: string, name: string): Promise<void>;
  listTaskservs(infra: string, host?: string): Promise<InstalledTaskserv[]>;

  /** Takes the infra's lock or throws `LockHeldError` naming the holder; takes over a stale lock. */
  acquireLock(infra: string, options: AcquireLockOptions): Promise<AcquiredLock>;
  /** Extends the lease of a lock this process holds; throws `LockLostError` if it was taken away. */
  renewLock(lockId: string, leaseMs?: number): Promise<LockRecord>;
  /** Releases a lock this process holds (no error if it is already gone). */
  releaseLock(lockId: string): Promise<void>;
  /** Removes a lock whoever holds it (`provisioning state unlock ID`); returns what was removed. */
  forceUnlock(lockId: string): Promise<LockRecord | undefined>;
  getLock(infra: string): Promise<LockRecord | undefined>;

  close(): Promise<void>;
}
