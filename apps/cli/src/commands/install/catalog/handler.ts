import type { CommandContext } from '../../../cli/command-definition';
import { renderTable } from '../../../render/render-table';
import { loadToolCatalog } from '../load-tool-catalog';

export async function run(ctx: CommandContext): Promise<number> {
  const catalog = loadToolCatalog(ctx.options.catalog as string | undefined);
  const tools = Object.entries(catalog.tools)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, entry]) => ({
      name,
      description: entry.description,
      defaultVersion: entry.defaultVersion,
      versions: Object.fromEntries(
        Object.entries(entry.versions).map(([version, sums]) => [
          version,
          Object.entries(sums)
            .filter(([, sum]) => sum)
            .map(([platform]) => platform),
        ]),
      ),
      archive: entry.archive,
      url: entry.url.replace('{mirror}', entry.mirror),
    }));
  ctx.out.result({ tools }, (data, style) => {
    const rows = data.tools.map((tool) => [
      tool.name,
      tool.defaultVersion,
      Object.keys(tool.versions).join(', '),
      tool.versions[tool.defaultVersion]?.join(', ') || style.yellow('none verified'),
      tool.archive,
      tool.description,
    ]);
    return `${renderTable(['tool', 'default', 'versions', 'verified sha256 (default version)', 'archive', 'what'], rows, style)}\n`;
  });
  return 0;
}
