import { type InstalledTool, installedToolsScript, parseInstalledTools } from '@provisioning/distribution';
import type { CommandContext } from '../../../cli/command-definition';
import { ExitCode } from '../../../cli/errors';
import { asCliError } from '../../../engine/open-infra-for-command';
import { renderTable } from '../../../render/render-table';
import type { TargetOptionValues } from '../install-options';
import { loadToolCatalog } from '../load-tool-catalog';
import { openToolTarget } from '../tool-target';

interface HostTools {
  host: string;
  tools: InstalledTool[];
  error?: string;
}

export async function run(ctx: CommandContext): Promise<number> {
  const options = ctx.options as TargetOptionValues;
  const catalog = loadToolCatalog(options.catalog);
  const target = await openToolTarget(ctx, options);
  try {
    const script = installedToolsScript(catalog, target.layout);
    const hosts: HostTools[] = await Promise.all(
      target.hosts.map(async (host) => {
        try {
          const result = await target
            .executorFor(host)
            .exec('sh -s', { stdin: `${script}\n`, timeoutMs: 60_000 });
          if (result.code !== 0)
            return {
              host,
              tools: [],
              error: `exit ${result.code}: ${result.stderr.trim().split('\n').pop()}`,
            };
          return { host, tools: parseInstalledTools(result.stdout, catalog, target.layout) };
        } catch (error) {
          return { host, tools: [], error: (error as Error).message.split('\nHint: ')[0] };
        }
      }),
    );
    ctx.out.result({ hosts }, (data, style) => {
      const rows = data.hosts.flatMap((entry) =>
        entry.error
          ? [[entry.host, style.red('error'), entry.error, '']]
          : entry.tools.length === 0
            ? [[entry.host, '-', 'no catalog tools installed', '']]
            : entry.tools.map((tool) => [
                entry.host,
                tool.name,
                tool.active ?? (tool.foreignLink ? `(not ours: ${tool.foreignLink})` : '(not linked)'),
                tool.versions.join(', '),
              ]),
      );
      return `${renderTable(['host', 'tool', 'active', 'versions kept'], rows, style)}\n`;
    });
    return hosts.some((entry) => entry.error) ? ExitCode.error : ExitCode.ok;
  } catch (error) {
    throw asCliError(error);
  } finally {
    await target.close();
  }
}
