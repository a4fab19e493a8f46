import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Check } from './check';

// Replaced by @provisioning/config's finder and validator as soon as that library lands.
function findRoot(start: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'provisioning.yaml'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

export const workspaceCheck: Check = {
  id: 'workspace',
  title: 'workspace',
  async run(context) {
    if (context.workspaceOption && !existsSync(join(context.workspaceOption, 'provisioning.yaml'))) {
      return {
        status: 'error',
        detail: `no provisioning.yaml in ${context.workspaceOption} (from --workspace)`,
        hint: `create one with 'provisioning workspace init ${context.workspaceOption}', or point --workspace at an existing workspace`,
      };
    }
    const root = context.workspaceOption ?? findRoot(context.cwd);
    if (!root) {
      return {
        status: 'warning',
        detail: `no provisioning.yaml in ${context.cwd} or any parent`,
        hint: "run 'provisioning workspace init DIR' to create a workspace, or pass --workspace DIR",
      };
    }
    context.workspaceRoot = root;
    const { parseDocument } = await import('yaml');
    const document = parseDocument(readFileSync(join(root, 'provisioning.yaml'), 'utf8'));
    if (document.errors.length > 0) {
      return { status: 'error', detail: document.errors[0].message, hint: "run 'provisioning validate' for every problem" };
    }
    return { status: 'ok', detail: root };
  },
};
