/**
 * The little SQL surface the workflow store needs, so its transitions are written once for SQLite
 * and PostgreSQL. Statements use `?` placeholders (the PostgreSQL side numbers them); times are
 * epoch milliseconds and JSON is stored as text in both.
 */
export interface SqlExecutor {
  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  get<T>(sql: string, params?: readonly unknown[]): Promise<T | undefined>;
  /** Returns the number of rows changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
}

export interface SqlDatabase extends SqlExecutor {
  readonly dialect: 'sqlite' | 'postgres';
  /**
   * The row-locking suffix of a SELECT inside a transaction: ` FOR UPDATE` (wait) or
   * ` FOR UPDATE SKIP LOCKED` (skip rows another transaction holds) in PostgreSQL; empty in SQLite,
   * where a write transaction already holds the whole file.
   */
  lockRows(mode: 'wait' | 'skip', of?: string): string;
  /** Runs `work` in one transaction that serialises writers; committed (durably) before it resolves. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
