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
  return { store: SqliteStateStore.open(join(dir, '.provisioning', 'state.db')), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
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
    expect(raw.prepare('SELECT MAX(version) AS version FROM schema_version').get()).toMatchObject({ version: MIGRATIONS.length });
    raw.close();
    store = SqliteStateStore.open(join(dir, '.provisioning', 'state.db'));
    expect((await store.showRun(run.id))?.run.status).toBe('running');
  });
});

describe('paramsHash', () => {
  it('is equal for equal params whatever the key order', () => {
    expect(paramsHash({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(paramsHash({ b: { d: 'x', c: [1, 2] }, a: 1 }));
    expect(paramsHash({ a: 1 })).not.toBe(paramsHash({ a: 2 }));
  });
});

