import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StateSchemaError } from '../errors';
import { currentVersion, openDatabase, prepared } from './database';
import { MIGRATIONS } from './migrations';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'db-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('openDatabase', () => {
  it('applies each migration once, however often the database is opened', () => {
    const path = join(dir, 'state.db');
    openDatabase(path).close();
    const db = openDatabase(path);
    expect(currentVersion(db)).toBe(MIGRATIONS.length);
    expect(db.prepare('SELECT COUNT(*) AS applied FROM schema_version').get()).toMatchObject({
      applied: MIGRATIONS.length,
    });
    db.close();
  });

  it('refuses a database written by a newer provisioning instead of corrupting it', () => {
    const path = join(dir, 'state.db');
    const db = openDatabase(path);
    db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)').run(
      MIGRATIONS.length + 1,
      Date.now(),
    );
    db.close();
    expect(() => openDatabase(path)).toThrow(StateSchemaError);
    expect(() => openDatabase(path)).toThrow(/upgrade provisioning/);
  });
});

describe('prepared', () => {
  it('prepares a text once per database and reuses that statement for every run', () => {
    const first = openDatabase(join(dir, 'first.db'));
    const second = openDatabase(join(dir, 'second.db'));
    const sql = 'SELECT COUNT(*) AS applied FROM schema_version';
    const statement = prepared(first, sql);
    expect(prepared(first, sql)).toBe(statement);
    expect(prepared(first, `${sql} WHERE version > 0`)).not.toBe(statement);
    expect(prepared(second, sql)).not.toBe(statement);
    // Reused across runs, it still reads the current rows.
    expect(statement.get()).toMatchObject({ applied: MIGRATIONS.length });
    prepared(first, 'INSERT INTO schema_version (version, applied_at) VALUES (?, ?)').run(99, 0);
    expect(statement.get()).toMatchObject({ applied: MIGRATIONS.length + 1 });
    first.close();
    second.close();
  });
});
