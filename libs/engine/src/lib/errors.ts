import type { Diagnostic } from '@provisioning/config';

/** What kind of failure an `EngineError` is, for front doors that map it to an exit code or a status. */
export type EngineErrorCode =
  | 'engine'
  | 'usage'
  | 'workspace-invalid'
  | 'infra-not-found'
  | 'infra-locked'
  | 'stale-plan'
  | 'lock-lost'
  | 'cancelled';

/** A failure the engine reports to a front door: what happened, and a hint saying what to do next. */
export class EngineError extends Error {
  override name = 'EngineError';
  constructor(
    message: string,
    readonly hint?: string,
    readonly code: EngineErrorCode = 'engine',
  ) {
    super(message);
  }
}

/** A selection or argument names something the infra does not have (an unknown server, taskserv, run id). */
export class SelectionError extends EngineError {
  override name = 'SelectionError';
  constructor(message: string, hint?: string) {
    super(message, hint, 'usage');
  }
}

/** The workspace files do not validate; `.diagnostics` says where (file:line:col) and which rule. */
export class WorkspaceInvalidError extends EngineError {
  override name = 'WorkspaceInvalidError';
  constructor(
    message: string,
    readonly diagnostics: readonly Diagnostic[],
    hint = "fix the errors above; 'provisioning validate' lists every one",
  ) {
    super(message, hint, 'workspace-invalid');
  }
}

/** No workspace at the path, no infra of that name, or no way to choose one. */
export class InfraNotFoundError extends EngineError {
  override name = 'InfraNotFoundError';
  constructor(message: string, hint?: string) {
    super(message, hint, 'infra-not-found');
  }
}

/** Another run holds the infra's lock. */
export class InfraLockedError extends EngineError {
  override name = 'InfraLockedError';
  constructor(
    message: string,
    readonly lockId: string,
  ) {
    super(
      message,
      `wait for it to finish, or if its process is gone: provisioning state unlock ${lockId}`,
      'infra-locked',
    );
  }
}

/** The lock this run held was removed or taken over: the run stopped at the next host boundary. */
export class LockLostError extends EngineError {
  override name = 'LockLostError';
  constructor(readonly lockId: string) {
    super(
      `the infra lock ${lockId} was lost during the run (forced unlock, or its lease expired)`,
      'check who else works on the infra, then plan again',
      'lock-lost',
    );
  }
}

/** The caller's AbortSignal fired before the work started. */
export class RunCancelledError extends EngineError {
  override name = 'RunCancelledError';
  constructor(what = 'the run') {
    super(`${what} was cancelled`, undefined, 'cancelled');
  }
}
