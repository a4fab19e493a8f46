import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CommandContext } from '../cli/command-definition';
import { CliError } from '../cli/errors';

/**
 * The workspace a command works on: --workspace (or PROVISIONING_WORKSPACE) when given, else the
 * nearest parent with provisioning.yaml. `required: false` returns undefined outside a workspace.
 */
export async function workspaceRootFor(
  ctx: CommandContext,
  options: { required: boolean },
): Promise<string | undefined> {
  const { findWorkspaceRoot, WORKSPACE_FILE } = await import('@provisioning/config');
  if (ctx.global.workspace) {
    const root = resolve(ctx.cwd, ctx.global.workspace);
    if (!existsSync(join(root, WORKSPACE_FILE))) {
      throw new CliError(
        `no ${WORKSPACE_FILE} in ${root} (from --workspace)`,
        `create one with 'provisioning workspace init ${root}', or point --workspace at a workspace`,
      );
    }
    return root;
  }
  const found = findWorkspaceRoot(ctx.cwd);
  if (!found && options.required) {
    throw new CliError(
      `no ${WORKSPACE_FILE} in ${ctx.cwd} or any parent directory`,
      "run 'provisioning workspace init DIR' to create a workspace, or pass --workspace DIR",
    );
  }
  return found;
}
