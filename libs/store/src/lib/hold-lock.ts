import type { AcquiredLock, StateStore } from './state-store';

export interface HeldLock {
  lock: AcquiredLock;
  /** Stops renewing and releases the lock. Safe to call twice. */
  release(): Promise<void>;
  /** Set when a renewal failed (the lock was force-unlocked or taken over): the holder must stop. */
  readonly lost: Error | undefined;
}

/**
 * Takes the infra's lock for the length of an apply and renews its lease in the background (every
 * third of the lease), so a long apply keeps it while a crashed one loses it when the lease ends.
 */
export async function holdLock(
  store: StateStore,
  infra: string,
  options: { command: string; leaseMs?: number },
): Promise<HeldLock> {
  const leaseMs = options.leaseMs ?? 15 * 60 * 1000;
  const lock = await store.acquireLock(infra, { command: options.command, leaseMs });
  let lost: Error | undefined;
  let released = false;
  const timer = setInterval(
    () => {
      store.renewLock(lock.id, leaseMs).catch((error: Error) => {
        lost = error;
        clearInterval(timer);
      });
    },
    Math.max(1, Math.floor(leaseMs / 3)),
  );
  timer.unref();
  return {
    lock,
    get lost() {
      return lost;
    },
    async release() {
      if (released) return;
      released = true;
      clearInterval(timer);
      await store.releaseLock(lock.id);
    },
  };
}
