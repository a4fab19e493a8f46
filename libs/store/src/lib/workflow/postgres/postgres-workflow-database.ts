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
    return (await this.pool.query(numbered(sql), params as unknown[])).rows as T[];
  }

  async get<T>(sql: string, params: readonly unknown[] = []): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<number> {
    return (await this.pool.query(numbered(sql), params as unknown[])).rowCount ?? 0;
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
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
    await this.pool.end();
  }

  private async migrate(where: string): Promise<void> {
    const migrations = workflowMigrations('postgres');
    await this.transaction(async (tx) => {
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
    (await client.query(numbered(sql), params as unknown[])).rows as T[];
  return {
    all,
    get: async <T>(sql: string, params: readonly unknown[] = []) => (await all<T>(sql, params))[0],
    run: async (sql, params = []) => (await client.query(numbered(sql), params as unknown[])).rowCount ?? 0,
  };
}

const numberedCache = new Map<string, string>();

/** `?` placeholders to PostgreSQL's `$1, $2, …` (the store's statements have no `?` in literals). */
function numbered(sql: string): string {
  let text = numberedCache.get(sql);
  if (text === undefined) {
    let index = 0;
    text = sql.replace(/\?/g, () => `$${++index}`);
    numberedCache.set(sql, text);
  }
  return text;
}

/** A connection string without its password, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
