import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { paramsHash } from '../params-hash';
import { describeStateStoreContract } from '../../testing/state-store-contract';
import { MIGRATIONS } from './migrations';
import { SqliteStateStore } from './sqlite-state-store';

describeStateStoreContract('SqliteStateStore', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'state-'));
  return {
    store: SqliteStateStore.open(join(dir, '.provisioning', 'state.db')),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

describe('SqliteStateStore file', () => {
  let dir: string;
  let store: SqliteStateStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'state-'));
    store = SqliteStateStore.open(join(dir, '.provisioning', 'state.db'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('survives a reopen: the file is the state, in WAL mode at the latest schema version', async () => {
    const run = await store.startRun({ infra: 'prod', command: 'apply' });
    await store.close();
    const raw = new Database(join(dir, '.provisioning', 'state.db'));
    expect(raw.prepare('PRAGMA journal_mode').get()).toMatchObject({ journal_mode: 'wal' });
    expect(raw.prepare('SELECT MAX(version) AS version FROM schema_version').get()).toMatchObject({
      version: MIGRATIONS.length,
    });
    raw.close();
    store = SqliteStateStore.open(join(dir, '.provisioning', 'state.db'));
    expect((await store.showRun(run.id))?.run.status).toBe('running');
  });
});

describe('SqliteStateStore schema version 2 (run status interrupted)', () => {
  it('migrates a version-1 database keeping every run, operation and event, and accepts interrupted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'state-'));
    const path = join(dir, 'state.db');
    const raw = new Database(path);
    raw.exec(
      'PRAGMA foreign_keys = ON; CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at INTEGER NOT NULL)',
    );
    raw.exec(MIGRATIONS[0]);
    raw.prepare('INSERT INTO schema_version VALUES (1, 0)').run();
    raw.prepare("INSERT INTO runs VALUES ('r1', 'prod', 'apply', 'running', 1, NULL, 'me')").run();
    raw
      .prepare(
        "INSERT INTO operation_results VALUES ('r1', 'web-1', 'x/file:/etc/a', 'file', 'changed', 'wrote', 5, 2)",
      )
      .run();
    raw
      .prepare(
        "INSERT INTO events (run_id, at, host, type, message, data) VALUES ('r1', 3, 'web-1', 'host-finished', 'ok', NULL)",
      )
      .run();
    raw.close();

    const store = SqliteStateStore.open(path);
    try {
      const detail = await store.showRun('r1');
      expect(detail?.operations.map((op) => op.operationId)).toEqual(['x/file:/etc/a']);
      expect(detail?.events.map((event) => event.message)).toEqual(['ok']);
      expect(await store.interruptRuns('prod')).toEqual(['r1']);
      expect((await store.showRun('r1'))?.run.status).toBe('interrupted');
      expect(await store.interruptRuns('prod')).toEqual([]);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('paramsHash', () => {
  it('is equal for equal params whatever the key order', () => {
    expect(paramsHash({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(
      paramsHash({ b: { d: 'x', c: [1, 2] }, a: 1 }),
    );
    expect(paramsHash({ a: 1 })).not.toBe(paramsHash({ a: 2 }));
  });
});
