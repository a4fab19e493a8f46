import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandContext } from '../../../cli/command-definition';
import { CliError } from '../../../cli/errors';
import { workspaceRootFor } from '../../../engine/workspace-root.js';

export async function run(ctx: CommandContext): Promise<number> {
  const workspace = (await workspaceRootFor(ctx, { required: true })) as string;
  const file = join(workspace, '.provisioning', 'orchestrator.token');
  if (!existsSync(file))
    throw new CliError(
      `no API token yet (${file} does not exist)`,
      "'provisioning orchestrator start' creates it on its first start",
    );
  const token = readFileSync(file, 'utf8').trim();
  ctx.out.result({ token }, () => token);
  return 0;
}
