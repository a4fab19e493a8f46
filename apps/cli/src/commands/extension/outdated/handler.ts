import type { OutdatedRow } from '@provisioning/extensions';
import type { CommandContext } from '../../../cli/command-definition';
import { ExitCode } from '../../../cli/errors';
import { renderTable } from '../../../render/render-table';
import { extensionManagerFor, withExtensionErrors } from '../extension-session';

export async function run(ctx: CommandContext): Promise<number> {
  const { manager } = await extensionManagerFor(ctx);
  const rows = await withExtensionErrors(() => manager.outdated());
  ctx.out.result<OutdatedRow[]>(rows, (data, style) =>
    data.length === 0
      ? 'Every installed extension is at the newest version its registries offer.\n'
      : `${renderTable(
          ['name', 'current', 'wanted', 'latest', 'registry'],
          data.map((r) => [r.name, r.current, r.wanted ?? '-', r.latest ?? '-', r.registry]),
          style,
        )}\n`,
  );
  return rows.length > 0 ? ExitCode.usageOrChanges : ExitCode.ok;
}
