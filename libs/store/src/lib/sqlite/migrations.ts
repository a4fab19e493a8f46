import { SERVER_RECORDS_MIGRATION } from './server-records-migration';

/**
 * Schema changes in order; the database records the highest version applied. Never edit a
 * released migration: add the next one. Times are epoch milliseconds (comparable in SQL).
 */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE runs (
     id TEXT PRIMARY KEY,
     infra TEXT NOT NULL,
     command TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled')),
     started_at INTEGER NOT NULL,
     finished_at INTEGER,
     actor TEXT
   );
   CREATE INDEX runs_by_infra ON runs (infra, started_at DESC);
   CREATE TABLE operation_results (
     run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
     host TEXT NOT NULL,
     operation_id TEXT NOT NULL,
     kind TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('changed', 'unchanged', 'failed', 'skipped')),
     summary TEXT NOT NULL,
     duration_ms INTEGER NOT NULL,
     recorded_at INTEGER NOT NULL,
     PRIMARY KEY (run_id, host, operation_id)
   );
   CREATE TABLE events (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
     at INTEGER NOT NULL,
     host TEXT,
     type TEXT NOT NULL,
     message TEXT NOT NULL,
     data TEXT
   );
   CREATE INDEX events_by_run ON events (run_id, seq);
   CREATE TABLE installed_taskservs (
     infra TEXT NOT NULL,
     host TEXT NOT NULL,
     name TEXT NOT NULL,
     version TEXT NOT NULL,
     params_hash TEXT NOT NULL,
     run_id TEXT NOT NULL,
     installed_at INTEGER NOT NULL,
     PRIMARY KEY (infra, host, name)
   );
   CREATE TABLE locks (
     infra TEXT PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     pid INTEGER NOT NULL,
     hostname TEXT NOT NULL,
     command TEXT NOT NULL,
     acquired_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL
   );`,
  // 2: servers created by providers, and the journal of provider calls
  SERVER_RECORDS_MIGRATION,
];
