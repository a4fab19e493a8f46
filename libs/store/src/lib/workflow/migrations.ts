/**
 * Workflow schema changes in order, for each dialect; a database records the highest version it
 * applied in `workflow_schema_version`. Never edit a released migration: append the next one.
 * The two dialects differ only in types (epoch-millisecond times are BIGINT in PostgreSQL, the event
 * sequence is AUTOINCREMENT or BIGSERIAL).
 */
function schemaV1(dialect: 'sqlite' | 'postgres'): string {
  const time = dialect === 'postgres' ? 'BIGINT' : 'INTEGER';
  const serial = dialect === 'postgres' ? 'BIGSERIAL PRIMARY KEY' : 'INTEGER PRIMARY KEY AUTOINCREMENT';
  return `
   CREATE TABLE workflows (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     version TEXT,
     status TEXT NOT NULL,
     parallel_limit INTEGER NOT NULL,
     rollback_enabled INTEGER NOT NULL,
     workspace TEXT,
     idempotency_key TEXT UNIQUE,
     parent_workflow_id TEXT,
     parent_step_id TEXT,
     definition TEXT,
     running INTEGER NOT NULL DEFAULT 0,
     created_at ${time} NOT NULL,
     updated_at ${time} NOT NULL,
     finished_at ${time}
   );
   CREATE INDEX workflows_by_created ON workflows (created_at, id);
   CREATE INDEX workflows_by_status ON workflows (status, created_at);
   CREATE TABLE workflow_steps (
     workflow_id TEXT NOT NULL REFERENCES workflows (id) ON DELETE CASCADE,
     phase TEXT NOT NULL,
     step_id TEXT NOT NULL,
     ord INTEGER NOT NULL,
     status TEXT NOT NULL,
     pending_deps INTEGER NOT NULL,
     dependencies TEXT NOT NULL,
     spec TEXT,
     rollback TEXT,
     attempt INTEGER NOT NULL DEFAULT 0,
     tries INTEGER NOT NULL DEFAULT 0,
     lease_token TEXT,
     worker TEXT,
     lease_expires_at ${time},
     available_at ${time} NOT NULL DEFAULT 0,
     started_at ${time},
     finished_at ${time},
     duration_ms INTEGER,
     outputs TEXT,
     error TEXT,
     PRIMARY KEY (workflow_id, phase, step_id)
   );
   CREATE INDEX workflow_steps_by_status ON workflow_steps (workflow_id, status, ord);
   CREATE INDEX workflow_steps_running ON workflow_steps (status, lease_expires_at);
   CREATE INDEX workflow_steps_by_worker ON workflow_steps (worker, status);
   CREATE TABLE workflow_step_edges (
     workflow_id TEXT NOT NULL REFERENCES workflows (id) ON DELETE CASCADE,
     phase TEXT NOT NULL,
     depends_on TEXT NOT NULL,
     step_id TEXT NOT NULL,
     kind TEXT NOT NULL,
     PRIMARY KEY (workflow_id, phase, depends_on, step_id)
   );
   CREATE TABLE workflow_events (
     seq ${serial},
     workflow_id TEXT NOT NULL REFERENCES workflows (id) ON DELETE CASCADE,
     at ${time} NOT NULL,
     type TEXT NOT NULL,
     step_id TEXT,
     phase TEXT,
     data TEXT
   );
   CREATE INDEX workflow_events_by_workflow ON workflow_events (workflow_id, seq);`;
}

export function workflowMigrations(dialect: 'sqlite' | 'postgres'): readonly string[] {
  return [schemaV1(dialect)];
}
