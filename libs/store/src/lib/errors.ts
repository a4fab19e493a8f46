import type { LockRecord } from './state-store';

/** Another apply holds the infra's lock. */
export class LockHeldError extends Error {
  override name = 'LockHeldError';
  constructor(readonly lock: LockRecord) {
    super(
      `Infra "${lock.infra}" is locked by ${lock.command} (pid ${lock.pid} on ${lock.hostname}) since ${lock.acquiredAt.toISOString()}, ` +
        `lease until ${lock.expiresAt.toISOString()}. Wait for it to finish, or if it is gone run: provisioning state unlock ${lock.id}`,
    );
  }
}

/** The lock this process held was removed (forced unlock) or taken over after its lease expired. */
export class LockLostError extends Error {
  override name = 'LockLostError';
  constructor(readonly lockId: string) {
    super(
      `Lock ${lockId} is no longer held by this process (it was unlocked or its lease expired); stop and plan again.`,
    );
  }
}

/** The state database is newer than this version of provisioning understands. */
export class StateSchemaError extends Error {
  override name = 'StateSchemaError';
}
