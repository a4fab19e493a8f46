import semver from 'semver';
import type { CommandContext } from '../../../cli/command-definition';
import { renderTable } from '../../../render/render-table';
import { extensionManagerFor, withExtensionErrors } from '../extension-session';

interface SearchRow {
  name: string;
  kind: string;
  latest?: string;
  description?: string;
  registry: string;
}

export async function run(ctx: CommandContext): Promise<number> {
  const query = (ctx.args[0] ?? '').toLowerCase();
  const { manager } = await extensionManagerFor(ctx);
  const rows = await withExtensionErrors(async () => {
    const available = await manager.available();
    const found: SearchRow[] = [];
    for (const name of [...available.keys()].sort()) {
      const [described] = await manager.describe(name);
      if (query && !name.includes(query) && !(described?.description ?? '').toLowerCase().includes(query))
        continue;
      const versions = (available.get(name) ?? [])
        .filter(
          (v) => !v.yanked && semver.satisfies(manager.coreVersion, v.core, { includePrerelease: true }),
        )
        .map((v) => v.version);
      found.push({
        name,
        kind: described.kind,
        latest: semver.maxSatisfying(versions, '*') ?? undefined,
        description: described.description,
        registry: described.registry,
      });
    }
    return found;
  });
  ctx.out.result<SearchRow[]>(rows, (data, style) =>
    data.length === 0
      ? `No extension matches${query ? ` "${query}"` : ''}.\n`
      : `${renderTable(
          ['name', 'kind', 'latest', 'registry', 'description'],
          data.map((r) => [
            r.name,
            r.kind,
            r.latest ?? '(none for this core)',
            r.registry,
            r.description ?? '-',
          ]),
          style,
        )}\n`,
  );
  return 0;
}
