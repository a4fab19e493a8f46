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
  // 2: run status "interrupted" (a run whose process died: its lock was found stale). SQLite cannot
  // change a CHECK in place; the tables that reference runs are rebuilt with it, children first
  // dropped, so no ON DELETE CASCADE fires, and renaming runs_v2 rewrites their references.
  `CREATE TABLE runs_v2 (
     id TEXT PRIMARY KEY,
     infra TEXT NOT NULL,
     command TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled', 'interrupted')),
     started_at INTEGER NOT NULL,
     finished_at INTEGER,
     actor TEXT
   );
   CREATE TABLE operation_results_v2 (
     run_id TEXT NOT NULL REFERENCES runs_v2 (id) ON DELETE CASCADE,
     host TEXT NOT NULL,
     operation_id TEXT NOT NULL,
     kind TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('changed', 'unchanged', 'failed', 'skipped')),
     summary TEXT NOT NULL,
     duration_ms INTEGER NOT NULL,
     recorded_at INTEGER NOT NULL,
     PRIMARY KEY (run_id, host, operation_id)
   );
   CREATE TABLE events_v2 (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     run_id TEXT NOT NULL REFERENCES runs_v2 (id) ON DELETE CASCADE,
     at INTEGER NOT NULL,
     host TEXT,
     type TEXT NOT NULL,
     message TEXT NOT NULL,
     data TEXT
   );
   INSERT INTO runs_v2 SELECT id, infra, command, status, started_at, finished_at, actor FROM runs;
   INSERT INTO operation_results_v2 SELECT run_id, host, operation_id, kind, status, summary, duration_ms, recorded_at FROM operation_results;
   INSERT INTO events_v2 SELECT seq, run_id, at, host, type, message, data FROM events;
   DROP TABLE operation_results;
   DROP TABLE events;
   DROP TABLE runs;
   ALTER TABLE runs_v2 RENAME TO runs;
   ALTER TABLE operation_results_v2 RENAME TO operation_results;
   ALTER TABLE events_v2 RENAME TO events;
   CREATE INDEX runs_by_infra ON runs (infra, started_at DESC);
   CREATE INDEX events_by_run ON events (run_id, seq);`,
  // 3: servers created by providers, and the journal of provider calls
  SERVER_RECORDS_MIGRATION,
  // 4: the host facts (OS, arch, hostname) the last run read per host, as JSON: the next run plans
  // with them and reads them again in the same round trip (a hint, never trusted unchecked)
  `CREATE TABLE host_facts (
     infra TEXT NOT NULL,
     host TEXT NOT NULL,
     facts TEXT NOT NULL,
     read_at INTEGER NOT NULL,
     PRIMARY KEY (infra, host)
   );`,
];
