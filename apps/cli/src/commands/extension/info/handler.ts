import { describeCandidate, ExtensionError } from '@provisioning/extensions';
import type { CommandContext } from '../../../cli/command-definition';
import { CliError } from '../../../cli/errors';
import { renderTable } from '../../../render/render-table';
import { workspaceCatalog } from '../../../engine/workspace-extensions';
import { extensionManagerFor, withExtensionErrors } from '../extension-session';

export async function run(ctx: CommandContext): Promise<number> {
  const name = ctx.args[0];
  const { manager, root } = await extensionManagerFor(ctx);
  const registries = await withExtensionErrors(async () => {
    try {
      return await manager.describe(name);
    } catch (error) {
      // A workspace without registries still has local copies to show.
      if (
        error instanceof ExtensionError &&
        error.code === 'registry' &&
        /declares no registries/.test(error.message)
      )
        return [];
      throw error;
    }
  });
  const local = workspaceCatalog(root, ctx.env, ctx.taskservs).candidates(name);
  if (registries.length === 0 && local.length === 0)
    throw new CliError(
      `no registry and no local source knows an extension named "${name}"`,
      'see `provisioning extension search` and `provisioning extension list`',
    );
  const data = {
    name,
    registries,
    local: local.map((candidate, index) => ({
      ...candidate,
      used: index === local.findIndex((c) => c.fitsCore),
    })),
  };
  ctx.out.result(data, (d, style) => {
    const lines: string[] = [style.bold(d.name), ''];
    for (const registry of d.registries) {
      lines.push(
        `${registry.kind} from registry ${registry.registry}${registry.description ? `: ${registry.description}` : ''}`,
      );
      lines.push(
        renderTable(
          ['version', 'core', 'dependencies', 'signed', 'state'],
          registry.versions.map((v) => [
            v.version,
            v.core,
            Object.entries(v.dependencies)
              .map(([n, r]) => `${n}@${r}`)
              .join(', ') || '-',
            v.signature ? `yes (${v.keyId ?? '?'})` : 'NO',
            v.yanked ? `yanked${v.yankedReason ? `: ${v.yankedReason}` : ''}` : '',
          ]),
          style,
        ),
        '',
      );
    }
    lines.push('Here:');
    lines.push(
      d.local.length === 0
        ? '  not installed'
        : renderTable(
            ['version', 'source', 'folder', ''],
            d.local.map((c) => [
              describeCandidate(c),
              c.source,
              c.dir ?? '(in the CLI)',
              c.used ? style.green('in use') : '',
            ]),
            style,
          ),
    );
    return `${lines.join('\n')}\n`;
  });
  return 0;
}
