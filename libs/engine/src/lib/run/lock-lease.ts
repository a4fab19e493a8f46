import { type AcquiredLock, LockLostError as StoreLockLostError, type StateStore } from '@provisioning/store';

/**
 * Keeps a run's infra lock alive by renewing its lease at a third of its length. When a renewal
 * finds the lock gone (forced unlock, or taken over after the lease expired), `lost` says so and
 * the run stops at its next host boundary rather than working on without the lock.
 */
export class LockLease {
  private timer: NodeJS.Timeout;
  private lostLock = false;
  private renewing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: StateStore,
    readonly lock: AcquiredLock,
    intervalMs = Math.max(1000, (lock.expiresAt.getTime() - lock.acquiredAt.getTime()) / 3),
  ) {
    this.timer = setInterval(() => void this.renew(), intervalMs);
    this.timer.unref();
  }

  get lost(): boolean {
    return this.lostLock;
  }

  /** Renews now; a lock taken away marks the lease lost, other failures (a busy database) are retried next tick. */
  renew(): Promise<void> {
    this.renewing = this.renewing.then(async () => {
      if (this.lostLock) return;
      try {
        await this.store.renewLock(this.lock.id);
      } catch (error) {
        if (error instanceof StoreLockLostError) this.lostLock = true;
      }
    });
    return this.renewing;
  }

  /** Stops renewing and releases the lock unless it was lost (then it is someone else's). */
  async end(): Promise<void> {
    clearInterval(this.timer);
    await this.renewing;
    if (!this.lostLock) await this.store.releaseLock(this.lock.id);
  }
}
