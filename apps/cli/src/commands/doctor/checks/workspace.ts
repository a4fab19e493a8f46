import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { knownProviders, knownTaskservs } from '../../../engine/taskserv-lookup';
import type { Check } from './check';

export const workspaceCheck: Check = {
  id: 'workspace',
  title: 'workspace',
  async run(context) {
    const { findWorkspaceRoot, formatDiagnostic, validateWorkspace, WORKSPACE_FILE } =
      await import('@provisioning/config');
    if (context.workspaceOption && !existsSync(join(context.workspaceOption, WORKSPACE_FILE))) {
      return {
        status: 'error',
        detail: `no ${WORKSPACE_FILE} in ${context.workspaceOption} (from --workspace)`,
        hint: `create one with 'provisioning workspace init ${context.workspaceOption}', or point --workspace at an existing workspace`,
      };
    }
    const root = context.workspaceOption ?? findWorkspaceRoot(context.cwd);
    if (!root) {
      return {
        status: 'warning',
        detail: `no ${WORKSPACE_FILE} in ${context.cwd} or any parent`,
        hint: "run 'provisioning workspace init DIR' to create a workspace, or pass --workspace DIR",
      };
    }
    context.workspaceRoot = root;
    const report = validateWorkspace(root, {
      env: context.env,
      taskservLookup: await knownTaskservs(root, context.env),
      providers: await knownProviders(),
    });
    if (report.errors > 0) {
      const first = report.diagnostics.find((d) => d.severity === 'error');
      return {
        status: 'error',
        detail: `${root}: ${report.errors} error${report.errors === 1 ? '' : 's'}, first: ${first ? formatDiagnostic(first) : '?'}`,
        hint: "run 'provisioning validate' to see every problem",
      };
    }
    if (report.warnings > 0) {
      return {
        status: 'warning',
        detail: `${root}: valid, ${report.warnings} warning${report.warnings === 1 ? '' : 's'}`,
        hint: "run 'provisioning validate' to see them",
      };
    }
    return { status: 'ok', detail: `${root}: valid` };
  },
};
