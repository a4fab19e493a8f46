import { findWorkspaceRoot, WORKSPACE_FILE } from '@provisioning/config';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InfraNotFoundError } from '../errors';

/** The workspace root for `dir`: the directory itself or its nearest parent with provisioning.yaml. */
export function locateWorkspace(dir: string): string {
  const start = resolve(dir);
  const root = existsSync(join(start, WORKSPACE_FILE)) ? start : findWorkspaceRoot(start);
  if (!root) {
    throw new InfraNotFoundError(
      `no ${WORKSPACE_FILE} in ${start} or any parent directory`,
      "run 'provisioning workspace init DIR' to create a workspace, or pass --workspace DIR",
    );
  }
  return root;
}

/** The infra directories of a workspace (`infra/<name>/`), sorted, read without loading them. */
export function infraDirectories(root: string): string[] {
  const dir = join(root, 'infra');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}
