import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'libsql';
import { immediate, row } from '../../sqlite/database';
import { StateSchemaError } from '../../errors';
import { workflowMigrations } from '../migrations';
import type { SqlDatabase, SqlExecutor } from '../sql-database';

type Sqlite = InstanceType<typeof Database>;
type Statement = {
  all(...params: unknown[]): unknown[];
  get(...params: unknown[]): unknown;
  run(...params: unknown[]): { changes: number };
};

const BUSY_TIMEOUT_MS = 10_000;

/**
 * The embedded workflow database: one SQLite file in WAL mode with `synchronous = FULL`, so a
 * transition is on disk (the WAL fsynced) before the call that made it returns: a crash, even of
 * the machine, loses no acknowledged transition. Transactions are BEGIN IMMEDIATE (one writer at a
 * time across processes) and queued within this process, so awaits inside one never interleave
 * with another's statements.
 */
/** One connection per database file in a process, shared by every store opened on it (see `open`). */
type Shared = { db: Sqlite; statements: Map<string, Statement>; queue: Promise<unknown>; users: number };
const openFiles = new Map<string, Shared>();

export class SqliteWorkflowDatabase implements SqlDatabase {
  readonly dialect = 'sqlite' as const;
  private closed = false;

  private constructor(
    private readonly shared: Shared,
    private readonly key: string,
  ) {}

  /**
   * Stores opened on one file in one process share its connection and its transaction queue: a
   * second connection's BEGIN IMMEDIATE would wait synchronously for a lock that only this same
   * (then blocked) thread can release.
   */
  static open(path: string): SqliteWorkflowDatabase {
    const key = path === ':memory:' ? `${path}#${openFiles.size}#${Math.random()}` : path;
    let shared = openFiles.get(key);
    if (!shared) {
      if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
      const db = new Database(path);
      db.exec(
        `PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}; PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;`,
      );
      migrate(db, path);
      shared = { db, statements: new Map(), queue: Promise.resolve(), users: 0 };
      openFiles.set(key, shared);
    }
    shared.users++;
    return new SqliteWorkflowDatabase(shared, key);
  }

  lockRows(_mode: 'wait' | 'skip', _of?: string): string {
    return '';
  }

  async all<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return (this.prepare(sql).all(...params) as unknown[]).map((item) => row<T>(item) as T);
  }

  async get<T>(sql: string, params: readonly unknown[] = []): Promise<T | undefined> {
    return row<T>(this.prepare(sql).get(...params));
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<number> {
    return this.prepare(sql).run(...params).changes;
  }

  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const { db } = this.shared;
    const result = this.shared.queue.then(async () => {
      db.exec('BEGIN IMMEDIATE');
      try {
        const value = await work(this);
        db.exec('COMMIT');
        return value;
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
    });
    this.shared.queue = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.shared.queue;
    if (--this.shared.users === 0) {
      openFiles.delete(this.key);
      this.shared.db.close();
    }
  }

  private prepare(sql: string): Statement {
    let statement = this.shared.statements.get(sql);
    if (!statement) {
      statement = this.shared.db.prepare(sql) as unknown as Statement;
      this.shared.statements.set(sql, statement);
    }
    return statement;
  }
}

function migrate(db: Sqlite, path: string): void {
  const migrations = workflowMigrations('sqlite');
  db.exec(
    'CREATE TABLE IF NOT EXISTS workflow_schema_version (version INTEGER NOT NULL, applied_at INTEGER NOT NULL)',
  );
  immediate(db, () => {
    const current = (row<{ version: number | null }>(
      db.prepare('SELECT MAX(version) AS version FROM workflow_schema_version').get(),
    )?.version ?? 0) as number;
    if (current > migrations.length) {
      throw new StateSchemaError(
        `Workflow database ${path} has schema version ${current}, newer than this provisioning knows (${migrations.length}); upgrade provisioning.`,
      );
    }
    migrations.slice(current).forEach((sql, offset) => {
      db.exec(sql);
      db.prepare('INSERT INTO workflow_schema_version (version, applied_at) VALUES (?, ?)').run(
        current + offset + 1,
        Date.now(),
      );
    });
  });
}
