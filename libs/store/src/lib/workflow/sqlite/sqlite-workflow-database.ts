import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'libsql';
import { immediate, prepared, row, type SqliteDatabase, type SqliteStatement } from '../../sqlite/database';
import { StateSchemaError } from '../../errors';
import { workflowMigrations } from '../migrations';
import type { SqlDatabase, SqlExecutor } from '../sql-database';

const BUSY_TIMEOUT_MS = 10_000;

/**
 * The embedded workflow database: one SQLite file in WAL mode with `synchronous = FULL`, so a
 * transition is on disk (the WAL fsynced) before the call that made it returns: a crash, even of
 * the machine, loses no acknowledged transition. Transactions are BEGIN IMMEDIATE (one writer at a
 * time across processes) and queued within this process, so awaits inside one never interleave
 * with another's statements.
 *
 * Group commit: the fsync of a COMMIT costs far more than the statements of a transition, so the
 * transactions requested while one commit is being prepared run one after another inside a single
 * BEGIN … COMMIT, each in its own SAVEPOINT (a failing one is rolled back alone, as if it had been
 * its own transaction). None is acknowledged before that COMMIT returns, so durability is what it
 * was; what changes is that N transitions that finish together cost one fsync instead of N.
 */
/** One connection per database file in a process, shared by every store opened on it (see `open`). */
type Pending = {
  work: (tx: SqlExecutor) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
};
type Shared = {
  db: SqliteDatabase;
  pending: Pending[];
  /** Settles when the batch being committed (if any) is done. */
  flushing: Promise<void> | undefined;
  users: number;
};
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
      shared = { db, pending: [], flushing: undefined, users: 0 };
      openFiles.set(key, shared);
    }
    shared.users++;
    return new SqliteWorkflowDatabase(shared, key);
  }

  lockRows(_mode: 'wait' | 'skip', _of?: string): string {
    return '';
  }

  async all<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return this.executor.all<T>(sql, params);
  }

  async get<T>(sql: string, params: readonly unknown[] = []): Promise<T | undefined> {
    return this.executor.get<T>(sql, params);
  }

  /** A write outside a transaction is a transaction of its own, so it too is durable when it returns. */
  run(sql: string, params: readonly unknown[] = []): Promise<number> {
    return this.transaction((tx) => tx.run(sql, params));
  }

  /** What a transaction's work is given: statements on the open transaction. */
  private readonly executor: SqlExecutor = {
    all: async <T>(sql: string, params: readonly unknown[] = []) =>
      (this.prepare(sql).all(...params) as unknown[]).map((item) => row<T>(item) as T),
    get: async <T>(sql: string, params: readonly unknown[] = []) => row<T>(this.prepare(sql).get(...params)),
    run: async (sql: string, params: readonly unknown[] = []) => this.prepare(sql).run(...params).changes,
  };

  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.shared.pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.shared.flushing) this.shared.flushing = this.flushSoon();
    });
  }

  /** Lets the transactions requested in this turn of the event loop join the batch, then commits it. */
  private async flushSoon(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    while (this.shared.pending.length > 0) {
      const batch = this.shared.pending.splice(0);
      await this.commitBatch(batch);
    }
    this.shared.flushing = undefined;
  }

  private async commitBatch(batch: Pending[]): Promise<void> {
    const { db } = this.shared;
    const settled: Array<{ entry: Pending; ok: boolean; value: unknown }> = [];
    try {
      db.exec('BEGIN IMMEDIATE');
    } catch (error) {
      for (const entry of batch) entry.reject(error);
      return;
    }
    for (const [index, entry] of batch.entries()) {
      db.exec('SAVEPOINT tx');
      try {
        const value = await entry.work(this.executor);
        db.exec('RELEASE tx');
        settled.push({ entry, ok: true, value });
      } catch (error) {
        if (!db.inTransaction) {
          // SQLite rolled the whole transaction back (a full disk, say): nothing of this batch is
          // committed; what is left runs in a batch of its own.
          for (const done of settled) done.entry.reject(error);
          entry.reject(error);
          this.shared.pending.unshift(...batch.slice(index + 1));
          return;
        }
        db.exec('ROLLBACK TO tx; RELEASE tx');
        settled.push({ entry, ok: false, value: error });
      }
    }
    try {
      db.exec('COMMIT');
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      for (const { entry } of settled) entry.reject(error);
      return;
    }
    for (const { entry, ok, value } of settled) (ok ? entry.resolve : entry.reject)(value);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    while (this.shared.flushing) await this.shared.flushing;
    if (--this.shared.users === 0) {
      openFiles.delete(this.key);
      this.shared.db.close();
    }
  }

  private prepare(sql: string): SqliteStatement {
    return prepared(this.shared.db, sql);
  }
}

function migrate(db: SqliteDatabase, path: string): void {
  const migrations = workflowMigrations('sqlite');
  db.exec(
    'CREATE TABLE IF NOT EXISTS workflow_schema_version (version INTEGER NOT NULL, applied_at INTEGER NOT NULL)',
  );
  immediate(db, () => {
    const current = (row<{ version: number | null }>(
      prepared(db, 'SELECT MAX(version) AS version FROM workflow_schema_version').get(),
    )?.version ?? 0) as number;
    if (current > migrations.length) {
      throw new StateSchemaError(
        `Workflow database ${path} has schema version ${current}, newer than this provisioning knows (${migrations.length}); upgrade provisioning.`,
      );
    }
    migrations.slice(current).forEach((sql, offset) => {
      db.exec(sql);
      prepared(db, 'INSERT INTO workflow_schema_version (version, applied_at) VALUES (?, ?)').run(
        current + offset + 1,
        Date.now(),
      );
    });
  });
}
