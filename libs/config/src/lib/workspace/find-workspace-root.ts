import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const WORKSPACE_FILE = 'provisioning.yaml';

/**
 * The nearest directory at or above `startDir` that holds a provisioning.yaml, like git finds
 * `.git`; undefined when there is none up to the filesystem root.
 */
export function findWorkspaceRoot(startDir: string): string | undefined {
  let dir = resolve(startDir);
  for (;;) {
    if (existsSync(join(dir, WORKSPACE_FILE))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
