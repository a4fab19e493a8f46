import { Pool, type PoolClient, type PoolConfig, types } from 'pg';
import { StateSchemaError } from '../../errors';
import { workflowMigrations } from '../migrations';
import type { SqlDatabase, SqlExecutor } from '../sql-database';

/** Epoch-millisecond BIGINTs and COUNT(*) come back as numbers (they stay far below 2^53). */
const INT8_OID = 20;
const NUMERIC_TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID
      ? (value: string) => Number(value)
      : types.getTypeParser(oid, format as 'text')) as typeof types.getTypeParser,
};

/** Serialization failures and deadlocks: the transaction is run again from the start. */
const RETRYABLE_CODES = new Set(['40001', '40P01']);
const MAX_TRANSACTION_ATTEMPTS = 5;

/** Transactions committed together at most (a batch holds its row locks until its COMMIT). */
const MAX_BATCH = 64;

type Pending = {
  work: (tx: SqlExecutor) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
};

/** An advisory-lock key so two workers migrating the same database at once take turns. */
const MIGRATION_LOCK_KEY = 7_200_110;

/**
 * The shared workflow database: PostgreSQL through a `pg` pool. Several orchestrator workers, on
 * several machines, share one; rows are leased with FOR UPDATE SKIP LOCKED. Each transaction is
 * committed (synchronous_commit as the server has it, on by default) before its call returns.
 */
export class PostgresWorkflowDatabase implements SqlDatabase {
  readonly dialect = 'postgres' as const;

  private constructor(private readonly pool: Pool) {}

  static async open(
    connectionString: string,
    options: Omit<PoolConfig, 'connectionString' | 'types'> = {},
  ): Promise<PostgresWorkflowDatabase> {
    const pool = new Pool({ connectionString, max: 4, ...options, types: NUMERIC_TYPES });
    // An idle client's network error must not crash the process; the next query reports it.
    pool.on('error', () => undefined);
    const database = new PostgresWorkflowDatabase(pool);
    try {
      await database.migrate(connectionString);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return database;
  }

  lockRows(mode: 'wait' | 'skip', of?: string): string {
    return ` FOR UPDATE${of ? ` OF ${of}` : ''}${mode === 'skip' ? ' SKIP LOCKED' : ''}`;
  }

  async all<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return (await this.pool.query(statement(sql, params))).rows as T[];
  }

  async get<T>(sql: string, params: readonly unknown[] = []): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<number> {
    return (await this.pool.query(statement(sql, params))).rowCount ?? 0;
  }

  /**
   * Group commit, as in the SQLite database: the transactions this process requests while a batch
   * is being committed run together in the next BEGIN … COMMIT on one connection, and each is
   * acknowledged only after that COMMIT. PostgreSQL has no cheap way to roll back one of them
   * alone without a savepoint round trip each, so a batch in which one fails is rolled back whole
   * and its transactions run again one by one, each in its own transaction (they only issue SQL,
   * so running them again is safe). Serialisation failures and deadlocks retry the batch.
   */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.flushing) this.flushing = this.flushSoon();
    });
  }

  private pending: Pending[] = [];
  private flushing: Promise<void> | undefined;

  private async flushSoon(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, MAX_BATCH);
      if (batch.length === 1) await this.settle(batch[0]);
      else if (!(await this.commitTogether(batch))) for (const entry of batch) await this.settle(entry);
    }
    this.flushing = undefined;
  }

  /** Runs one transaction alone, retrying serialisation failures; settles its promise. */
  private async settle(entry: Pending): Promise<void> {
    try {
      entry.resolve(await this.inTransaction(async (tx) => entry.work(tx)));
    } catch (error) {
      entry.reject(error);
    }
  }

  /** True when the whole batch committed (and was acknowledged); false when it must run one by one. */
  private async commitTogether(batch: Pending[]): Promise<boolean> {
    let values: unknown[];
    try {
      values = await this.inTransaction(async (tx) => {
        const results: unknown[] = [];
        for (const entry of batch) results.push(await entry.work(tx));
        return results;
      });
    } catch {
      return false;
    }
    batch.forEach((entry, index) => entry.resolve(values[index]));
    return true;
  }

  private async inTransaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        const value = await work(executorOf(client));
        await client.query('COMMIT');
        return value;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        const code = (error as { code?: string }).code;
        if (!code || !RETRYABLE_CODES.has(code) || attempt >= MAX_TRANSACTION_ATTEMPTS) throw error;
      } finally {
        client.release();
      }
    }
  }

  async close(): Promise<void> {
    while (this.flushing) await this.flushing;
    await this.pool.end();
  }

  private async migrate(where: string): Promise<void> {
    const migrations = workflowMigrations('postgres');
    await this.inTransaction(async (tx) => {
      await tx.run('SELECT pg_advisory_xact_lock(?)', [MIGRATION_LOCK_KEY]);
      await tx.run(
        'CREATE TABLE IF NOT EXISTS workflow_schema_version (version INTEGER NOT NULL, applied_at BIGINT NOT NULL)',
      );
      const current =
        (
          await tx.get<{ version: number | null }>(
            'SELECT MAX(version) AS version FROM workflow_schema_version',
          )
        )?.version ?? 0;
      if (current > migrations.length) {
        throw new StateSchemaError(
          `Workflow database ${redactUrl(where)} has schema version ${current}, newer than this provisioning knows (${migrations.length}); upgrade provisioning.`,
        );
      }
      for (const [offset, sql] of migrations.slice(current).entries()) {
        await tx.run(sql);
        await tx.run('INSERT INTO workflow_schema_version (version, applied_at) VALUES (?, ?)', [
          current + offset + 1,
          Date.now(),
        ]);
      }
    });
  }
}

function executorOf(client: PoolClient): SqlExecutor {
  const all = async <T>(sql: string, params: readonly unknown[] = []) =>
    (await client.query(statement(sql, params))).rows as T[];
  return {
    all,
    get: async <T>(sql: string, params: readonly unknown[] = []) => (await all<T>(sql, params))[0],
    run: async (sql, params = []) => (await client.query(statement(sql, params))).rowCount ?? 0,
  };
}

const numberedCache = new Map<string, { name: string; text: string }>();

/**
 * `?` placeholders to PostgreSQL's `$1, $2, …` (the store's statements have no `?` in literals),
 * and a name, so each connection parses and plans a statement once (a named prepared statement).
 */
function statement(
  sql: string,
  params: readonly unknown[],
): { name?: string; text: string; values: unknown[] } {
  const { name, text } = numbered(sql);
  // A statement without parameters may be a migration of several commands, which cannot be prepared.
  return params.length > 0 ? { name, text, values: params as unknown[] } : { text, values: [] };
}

function numbered(sql: string): { name: string; text: string } {
  let statement = numberedCache.get(sql);
  if (statement === undefined) {
    let index = 0;
    statement = { name: `wf${numberedCache.size}`, text: sql.replace(/\?/g, () => `$${++index}`) };
    numberedCache.set(sql, statement);
  }
  return statement;
}

/** A connection string without its password, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
