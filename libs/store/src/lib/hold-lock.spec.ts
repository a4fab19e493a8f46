import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LockLostError } from './errors';
import { holdLock } from './hold-lock';
import { SqliteStateStore } from './sqlite/sqlite-state-store';

let dir: string;
let store: SqliteStateStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hold-'));
  store = SqliteStateStore.open(join(dir, 'state.db'));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Resolves once `check` is true, polling the event loop (renewals run on a timer). */
async function until(check: () => Promise<boolean> | boolean): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('holdLock', () => {
  it('keeps renewing the lease while held, and releases it', async () => {
    const held = await holdLock(store, 'prod', { command: 'apply', leaseMs: 60 });
    const first = held.lock.expiresAt.getTime();
    await until(async () => ((await store.getLock('prod'))?.expiresAt.getTime() ?? 0) > first);
    await held.release();
    await held.release();
    expect(await store.getLock('prod')).toBeUndefined();
  });

  it('reports the lock lost when someone force-unlocks it', async () => {
    const held = await holdLock(store, 'prod', { command: 'apply', leaseMs: 30 });
    await store.forceUnlock(held.lock.id);
    await until(() => held.lost !== undefined);
    expect(held.lost).toBeInstanceOf(LockLostError);
    await held.release();
  });
});
