import { readLinks, writeLinks } from '@provisioning/extensions';
import type { CommandContext } from '../../../cli/command-definition';
import { CliError } from '../../../cli/errors';
import { workspaceRootFor } from '../../../engine/workspace-root';

export async function run(ctx: CommandContext): Promise<number> {
  const root = (await workspaceRootFor(ctx, { required: true })) as string;
  const name = ctx.args[0];
  const links = readLinks(root);
  const path = links[name];
  if (!path)
    throw new CliError(
      `"${name}" is not linked in this workspace`,
      Object.keys(links).length ? `linked: ${Object.keys(links).join(', ')}` : 'nothing is linked',
    );
  delete links[name];
  writeLinks(root, links);
  ctx.out.result({ name, path }, (r) => `unlinked ${r.name} (${r.path})\n`);
  return 0;
}
