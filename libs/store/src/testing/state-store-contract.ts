import { LockHeldError, LockLostError } from '../lib/errors';
import { paramsHash } from '../lib/params-hash';
import type { StateStore } from '../lib/state-store';

/**
 * The behaviour every StateStore must have, as a jest suite: the SQLite store runs it, and the
 * PostgreSQL store will run the same one against its database.
 */
export function describeStateStoreContract(
  name: string,
  open: () => Promise<{ store: StateStore; cleanup(): Promise<void> }>,
): void {
  let store: StateStore;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await open());
  });
  afterEach(async () => {
    await store.close();
    await cleanup();
  });

  describe(`${name} runs`, () => {
    it('records what an apply changed on which host and shows it back', async () => {
      const run = await store.startRun({ infra: 'prod', command: 'apply', actor: 'ops@laptop' });
      await store.recordOperations(run.id, [
        {
          host: 'web-1',
          operationId: 'config',
          kind: 'file',
          status: 'changed',
          summary: 'update /etc/x: content',
          durationMs: 12.4,
        },
        {
          host: 'web-1',
          operationId: 'pkg',
          kind: 'package',
          status: 'unchanged',
          summary: 'installed',
          durationMs: 0,
        },
      ]);
      await store.recordOperations(run.id, [
        {
          host: 'web-2',
          operationId: 'config',
          kind: 'file',
          status: 'failed',
          summary: 'exit 1',
          durationMs: 3,
        },
      ]);
      await store.appendEvent(run.id, {
        host: 'web-2',
        type: 'operation-finished',
        message: 'config failed',
        data: { exitCode: 1 },
      });
      await store.finishRun(run.id, 'failed');

      const detail = await store.showRun(run.id);
      expect(detail?.run).toMatchObject({
        id: run.id,
        infra: 'prod',
        command: 'apply',
        status: 'failed',
        actor: 'ops@laptop',
      });
      expect(detail?.run.finishedAt).toBeInstanceOf(Date);
      expect(detail?.operations).toEqual([
        {
          host: 'web-1',
          operationId: 'config',
          kind: 'file',
          status: 'changed',
          summary: 'update /etc/x: content',
          durationMs: 12,
        },
        {
          host: 'web-1',
          operationId: 'pkg',
          kind: 'package',
          status: 'unchanged',
          summary: 'installed',
          durationMs: 0,
        },
        {
          host: 'web-2',
          operationId: 'config',
          kind: 'file',
          status: 'failed',
          summary: 'exit 1',
          durationMs: 3,
        },
      ]);
      expect(detail?.events).toEqual([
        expect.objectContaining({ host: 'web-2', type: 'operation-finished', data: { exitCode: 1 } }),
      ]);
    });

    it('records a batch of operations all or nothing: one the store refuses leaves none of its batch', async () => {
      const run = await store.startRun({ infra: 'prod', command: 'apply' });
      const good = { host: 'web-1', kind: 'file', summary: '', durationMs: 1 } as const;
      await store.recordOperations(run.id, [{ ...good, operationId: 'kept', status: 'changed' }]);
      await expect(
        store.recordOperations(run.id, [
          { ...good, operationId: 'first', status: 'changed' },
          { ...good, operationId: 'refused', status: 'exploded' as never },
        ]),
      ).rejects.toThrow();
      expect((await store.showRun(run.id))?.operations.map((op) => op.operationId)).toEqual(['kept']);
    });

    it('lists runs newest first with per-run counts, filtered by infra', async () => {
      const first = await store.startRun({ infra: 'prod', command: 'apply' });
      await store.recordOperations(first.id, [
        { host: 'a', operationId: 'x', kind: 'file', status: 'changed', summary: '', durationMs: 1 },
      ]);
      await store.startRun({ infra: 'staging', command: 'apply' });
      const second = await store.startRun({ infra: 'prod', command: 'remove' });

      const runs = await store.listRuns({ infra: 'prod' });
      expect(runs.map((run) => [run.id, run.hosts, run.changed, run.failed])).toEqual([
        [second.id, 0, 0, 0],
        [first.id, 1, 1, 0],
      ]);
      expect(await store.listRuns()).toHaveLength(3);
    });

    it('finds a run by a unique prefix of its id, as typed on the command line', async () => {
      const run = await store.startRun({ infra: 'prod', command: 'apply' });
      expect((await store.showRun(run.id.slice(0, 18)))?.run.id).toBe(run.id);
      expect(await store.showRun('19990101')).toBeUndefined();
    });

    it('rejects finishing a run it does not know', async () => {
      await expect(store.finishRun('nope', 'succeeded')).rejects.toThrow('No run nope');
    });
  });

  describe(`${name} installed task services`, () => {
    it('keeps the version and params hash per host, replacing on re-install', async () => {
      await store.recordTaskserv({
        infra: 'prod',
        host: 'web-1',
        name: 'redis',
        version: '1.0.0',
        paramsHash: paramsHash({ port: 1 }),
        runId: 'r1',
      });
      await store.recordTaskserv({
        infra: 'prod',
        host: 'web-1',
        name: 'redis',
        version: '1.1.0',
        paramsHash: paramsHash({ port: 2 }),
        runId: 'r2',
      });
      await store.recordTaskserv({
        infra: 'prod',
        host: 'web-2',
        name: 'redis',
        version: '1.0.0',
        paramsHash: 'h',
        runId: 'r1',
      });

      const onWeb1 = await store.listTaskservs('prod', 'web-1');
      expect(onWeb1).toEqual([
        expect.objectContaining({
          name: 'redis',
          version: '1.1.0',
          paramsHash: paramsHash({ port: 2 }),
          runId: 'r2',
        }),
      ]);
      expect(await store.listTaskservs('prod')).toHaveLength(2);
      await store.removeTaskserv('prod', 'web-1', 'redis');
      expect(await store.listTaskservs('prod', 'web-1')).toEqual([]);
    });
  });

  describe(`${name} host facts`, () => {
    it('remembers the last facts read per host of an infra, replacing earlier ones, other infras apart', async () => {
      await store.rememberHostFacts('prod', 'web-1', { hostname: 'web-1', osId: 'debian', osVersion: '12' });
      await store.rememberHostFacts('prod', 'web-1', { hostname: 'web-1', osId: 'debian', osVersion: '13' });
      await store.rememberHostFacts('prod', 'web-2', { hostname: 'web-2', osId: 'alpine' });
      await store.rememberHostFacts('staging', 'web-1', { hostname: 'other' });

      const remembered = await store.rememberedHostFacts('prod');
      expect(Object.fromEntries(remembered)).toEqual({
        'web-1': { hostname: 'web-1', osId: 'debian', osVersion: '13' },
        'web-2': { hostname: 'web-2', osId: 'alpine' },
      });
      expect(await store.rememberedHostFacts('nothing-here')).toEqual(new Map());
    });
  });

  describe(`${name} lock (one process)`, () => {
    it('refuses a second holder, naming the first and the unlock command', async () => {
      const lock = await store.acquireLock('prod', { command: 'apply prod' });
      const attempt = store.acquireLock('prod', { command: 'apply prod' });
      await expect(attempt).rejects.toBeInstanceOf(LockHeldError);
      await expect(store.acquireLock('prod', { command: 'x' })).rejects.toThrow(
        `provisioning state unlock ${lock.id}`,
      );
      expect(await store.acquireLock('staging', { command: 'apply staging' })).toMatchObject({
        infra: 'staging',
      });
    });

    it('takes over a lock whose lease has expired and says which one it replaced', async () => {
      const old = await store.acquireLock('prod', { command: 'apply', leaseMs: 0 });
      const lock = await store.acquireLock('prod', { command: 'apply' });
      expect(lock.replaced?.id).toBe(old.id);
      await expect(store.renewLock(old.id)).rejects.toBeInstanceOf(LockLostError);
    });

    it('renews, releases, and force-unlocks by id', async () => {
      const lock = await store.acquireLock('prod', { command: 'apply', leaseMs: 1000 });
      const renewed = await store.renewLock(lock.id, 60_000);
      expect(renewed.expiresAt.getTime()).toBeGreaterThan(lock.expiresAt.getTime());
      await store.releaseLock(lock.id);
      expect(await store.getLock('prod')).toBeUndefined();

      const held = await store.acquireLock('prod', { command: 'apply' });
      expect(await store.forceUnlock(held.id)).toMatchObject({ id: held.id, infra: 'prod' });
      expect(await store.forceUnlock(held.id)).toBeUndefined();
    });
  });
  describe(`${name} provider-created servers`, () => {
    const base = {
      infra: 'prod',
      name: 'web-1',
      provider: 'nspawn',
      clientToken: 'prod/web-1/abc',
      hostKeys: [] as string[],
    };

    it('records a create before the call (creating) and after it (created, with id, address and host key)', async () => {
      const before = await store.putServer({
        ...base,
        status: 'creating',
        zone: 'local',
        plan: 'container',
        image: 'debian-12',
      });
      expect(before).toMatchObject({ status: 'creating', zone: 'local', plan: 'container' });
      expect(before.providerId).toBeUndefined();
      const after = await store.putServer({
        ...base,
        status: 'created',
        providerId: 'n0123456789',
        address: '10.0.0.2',
        port: 22,
        user: 'root',
        hostKeys: ['ssh-ed25519 AAAA'],
      });
      expect(after).toMatchObject({
        status: 'created',
        providerId: 'n0123456789',
        address: '10.0.0.2',
        hostKeys: ['ssh-ed25519 AAAA'],
      });
      expect(after.createdAt.getTime()).toBe(before.createdAt.getTime());
      expect(await store.getServer('prod', 'web-1')).toEqual(after);
    });

    it('lists the servers of one infra by name and forgets a removed one', async () => {
      await store.putServer({ ...base, name: 'web-2', status: 'created' });
      await store.putServer({ ...base, status: 'creating' });
      await store.putServer({ ...base, infra: 'stage', status: 'created' });
      expect((await store.listServers('prod')).map((server) => server.name)).toEqual(['web-1', 'web-2']);
      await store.removeServer('prod', 'web-1');
      expect(await store.getServer('prod', 'web-1')).toBeUndefined();
      expect((await store.listServers('stage')).map((server) => server.name)).toEqual(['web-1']);
    });

    it('keeps the journal of provider calls in order, per server', async () => {
      await store.recordProviderCall({
        infra: 'prod',
        server: 'web-1',
        provider: 'nspawn',
        call: 'create',
        phase: 'started',
      });
      await store.recordProviderCall({
        infra: 'prod',
        server: 'web-2',
        provider: 'nspawn',
        call: 'create',
        phase: 'started',
      });
      await store.recordProviderCall({
        infra: 'prod',
        server: 'web-1',
        provider: 'nspawn',
        call: 'create',
        phase: 'failed',
        detail: 'quota exceeded',
      });
      const calls = await store.listProviderCalls('prod', 'web-1');
      expect(calls.map(({ call, phase, detail }) => ({ call, phase, detail }))).toEqual([
        { call: 'create', phase: 'started', detail: undefined },
        { call: 'create', phase: 'failed', detail: 'quota exceeded' },
      ]);
      expect(await store.listProviderCalls('prod')).toHaveLength(3);
    });
  });
}
