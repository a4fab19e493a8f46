import type { ExtensionCandidate } from '@provisioning/extensions';
import type { CommandContext } from '../../../cli/command-definition';
import { renderTable } from '../../../render/render-table';
import { workspaceCatalog } from '../../../engine/workspace-extensions';
import { workspaceRootFor } from '../../../engine/workspace-root';
import { asCliFailure } from '../extension-session';

interface ListedExtension extends ExtensionCandidate {
  used: boolean;
}

export async function run(ctx: CommandContext): Promise<number> {
  const root = await workspaceRootFor(ctx, { required: false });
  let rows: ListedExtension[];
  try {
    const catalog = workspaceCatalog(root, ctx.env, ctx.taskservs);
    rows = catalog.names().flatMap((name) => {
      const candidates = catalog.candidates(name);
      const used = catalog.resolve(name);
      return candidates.map((candidate) => ({ ...candidate, used: used.ok && used.candidate === candidate }));
    });
  } catch (error) {
    throw asCliFailure(error);
  }
  ctx.out.result<ListedExtension[]>(
    rows,
    (data, style) =>
      `${renderTable(
        ['name', 'version', 'source', 'core', 'folder', ''],
        data.map((r) => [
          r.name,
          r.version,
          r.source,
          r.fitsCore ? r.core : `${r.core} (not this core)`,
          r.dir ?? '(in the CLI)',
          r.used ? 'in use' : '',
        ]),
        style,
        (cell, column) => (column === 5 && cell ? style.green(cell) : cell),
      )}\n`,
  );
  return 0;
}
