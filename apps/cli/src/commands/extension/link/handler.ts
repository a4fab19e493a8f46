import { resolve } from 'node:path';
import { readLinks, readManifestOf, writeLinks } from '@provisioning/extensions';
import type { CommandContext } from '../../../cli/command-definition';
import { workspaceCatalog } from '../../../engine/workspace-extensions';
import { workspaceRootFor } from '../../../engine/workspace-root';
import { withExtensionErrors } from '../extension-session';

export async function run(ctx: CommandContext): Promise<number> {
  const root = (await workspaceRootFor(ctx, { required: true })) as string;
  const dir = resolve(ctx.cwd, ctx.args[0]);
  const result = await withExtensionErrors(async () => {
    const manifest = readManifestOf(dir);
    const previous = readLinks(root);
    writeLinks(root, { ...previous, [manifest.name]: dir });
    try {
      // Build and load it now, so a mistake shows here rather than in the next plan.
      const { candidate } = workspaceCatalog(root, ctx.env).taskserv(manifest.name);
      return {
        name: manifest.name,
        version: candidate.version,
        kind: manifest.kind,
        path: dir,
        replaced: previous[manifest.name],
      };
    } catch (error) {
      writeLinks(root, previous);
      throw error;
    }
  });
  ctx.out.result(
    result,
    (r) =>
      `linked ${r.kind} ${r.name} ${r.version} -> ${r.path}${r.replaced && r.replaced !== r.path ? ` (was ${r.replaced})` : ''}\nIt is rebuilt from src/ whenever it changed; \`provisioning extension unlink ${r.name}\` undoes this.\n`,
  );
  return 0;
}
