import { resolve } from 'node:path';
import { PostgresWorkflowDatabase } from './postgres/postgres-workflow-database';
import { SqlWorkflowStore } from './sql-workflow-store';
import { SqliteWorkflowDatabase } from './sqlite/sqlite-workflow-database';
import type { WorkflowStore } from './workflow-store';

/** Where the embedded workflow store lives, relative to the workspace root. */
export const DEFAULT_WORKFLOW_STORE_PATH = '.provisioning/workflows.db';

/**
 * Opens the workflow store a location names: `sqlite:PATH` (or a bare path) for the embedded
 * SQLite store, `postgres://…` / `postgresql://…` for a shared PostgreSQL database. Relative
 * SQLite paths resolve against `cwd`. Creates and migrates the schema as needed.
 */
export async function openWorkflowStore(location: string, cwd = process.cwd()): Promise<WorkflowStore> {
  if (/^postgres(ql)?:\/\//.test(location))
    return new SqlWorkflowStore(await PostgresWorkflowDatabase.open(location));
  const path = location.startsWith('sqlite:') ? location.slice('sqlite:'.length) : location;
  if (path === '' || /^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
    throw new Error(
      `"${location}" is not a workflow store location; use sqlite:PATH (the embedded default) or postgres://user@host:port/database`,
    );
  }
  return new SqlWorkflowStore(SqliteWorkflowDatabase.open(path === ':memory:' ? path : resolve(cwd, path)));
}
