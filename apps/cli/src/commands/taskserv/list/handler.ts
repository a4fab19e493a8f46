import type { TaskservDefinition } from '@provisioning/sdk';
import { type InstalledTaskserv, paramsHash } from '@provisioning/engine';
import type { CommandContext } from '../../../cli/command-definition';
import type { Style } from '../../../cli/style';
import type { ExtensionCandidate } from '@provisioning/extensions';
import { availableTaskservs, workspaceCatalog } from '../../../engine/workspace-extensions';
import { formatTimestamp } from '../../../render/format-time';
import { asCliError, openInfraFor } from '../../../engine/open-infra-for-command';
import { renderTable } from '../../../render/render-table';
import { workspaceRootFor } from '../../../engine/workspace-root';
import { describeParams, type ParamInfo, paramsSummary } from '../params-summary';

interface AvailableTaskserv {
  name: string;
  version: string;
  /** Where it was found: linked, workspace, user or builtin (the first that has it, in that order). */
  source: ExtensionCandidate['source'];
  description?: string;
  params: ParamInfo[];
}

interface EntryHost {
  host: string;
  /** False for a host with a record that the entry no longer targets. */
  targeted: boolean;
  installed?: {
    version: string;
    paramsHash: string;
    paramsCurrent: boolean;
    runId: string;
    installedAt: Date;
  };
}

interface InfraEntry {
  name: string;
  /** The taskserv the entry runs (its `taskserv:`, else its name). */
  taskserv: string;
  /** Undefined when that taskserv is not available. */
  version?: string;
  hosts: EntryHost[];
}

interface TaskservListResult {
  available: AvailableTaskserv[];
  infra?: { name: string; entries: InfraEntry[] };
}

export async function run(ctx: CommandContext): Promise<number> {
  const infraName = ctx.options.infra as string | undefined;
  const root = await workspaceRootFor(ctx, { required: infraName !== undefined });
  let available: AvailableTaskserv[];
  try {
    available = availableTaskservs(workspaceCatalog(root, ctx.env, ctx.taskservs)).map(
      ({ candidate, definition }) => describeTaskserv(definition, candidate.source),
    );
  } catch (error) {
    throw asCliError(error);
  }
  if (root === undefined) {
    ctx.out.result<TaskservListResult>({ available }, renderList);
    return 0;
  }
  const handle = await openInfraFor(ctx, { infra: infraName });
  try {
    const infra = handle.definition;
    const definitions = handle.taskservDefinitions;
    const targets = handle.taskservTargets();
    const records = await handle.installedTaskservs();
    const entries = infra.taskservs.map((entry) =>
      describeEntry(
        entry.name,
        entry.taskserv,
        definitions.get(entry.taskserv),
        targets.get(entry.name) ?? [],
        records,
        paramsHash(entry.resolved.values),
      ),
    );
    ctx.out.result<TaskservListResult>({ available, infra: { name: infra.name, entries } }, renderList);
    return 0;
  } catch (error) {
    throw asCliError(error);
  } finally {
    await handle.close();
  }
}

function describeTaskserv(
  definition: TaskservDefinition,
  source: ExtensionCandidate['source'],
): AvailableTaskserv {
  return {
    name: definition.name,
    version: definition.version,
    source,
    ...(definition.description ? { description: definition.description } : {}),
    params: describeParams(definition.params),
  };
}

function describeEntry(
  name: string,
  taskserv: string,
  definition: TaskservDefinition | undefined,
  targets: string[],
  records: InstalledTaskserv[],
  currentHash: string,
): InfraEntry {
  const ofEntry = records.filter((record) => record.name === name);
  const hosts = [
    ...targets,
    ...ofEntry.map((record) => record.host).filter((host) => !targets.includes(host)),
  ];
  return {
    name,
    taskserv,
    ...(definition ? { version: definition.version } : {}),
    hosts: hosts.map((host) => {
      const record = ofEntry.find((candidate) => candidate.host === host);
      return {
        host,
        targeted: targets.includes(host),
        ...(record
          ? {
              installed: {
                version: record.version,
                paramsHash: record.paramsHash,
                paramsCurrent: record.paramsHash === currentHash,
                runId: record.runId,
                installedAt: record.installedAt,
              },
            }
          : {}),
      };
    }),
  };
}

function renderList({ available, infra }: TaskservListResult, style: Style): string {
  const lines = [style.bold('Available task services'), ''];
  if (available.length === 0) lines.push('none');
  else {
    const rows = available.map((item) => [
      item.name,
      item.version,
      item.source,
      item.description ?? '-',
      paramsSummary(item.params),
    ]);
    lines.push(renderTable(['name', 'version', 'source', 'description', 'params'], rows, style));
  }
  if (!infra) return `${lines.join('\n')}\n`;
  lines.push('', style.bold(`Entries of infra ${infra.name}`), '');
  if (infra.entries.length === 0) {
    lines.push(`none: add them under taskservs: in infra/${infra.name}/*.yaml`);
    return `${lines.join('\n')}\n`;
  }
  const rows = infra.entries.flatMap((entry) => {
    if (entry.hosts.length === 0) return [[entry.name, '-', 'targets no server', '', '', '']];
    return entry.hosts.map((host) => {
      const state = !host.targeted
        ? 'installed, no longer targeted'
        : host.installed
          ? 'installed'
          : 'not installed';
      const installed = host.installed;
      return [
        entry.name +
          (entry.taskserv !== entry.name ? ` (${entry.taskserv})` : '') +
          (entry.version ? '' : ' (not available)'),
        host.host,
        installed ? `${state} ${installed.version}` : state,
        installed
          ? `${installed.paramsHash.slice(0, 8)}${installed.paramsCurrent ? '' : ' (changed since)'}`
          : '',
        installed?.runId ?? '',
        installed ? formatTimestamp(installed.installedAt) : '',
      ];
    });
  });
  const paint = (cell: string, column: number) =>
    column !== 2
      ? cell
      : cell.startsWith('not') || cell.includes('no longer')
        ? style.yellow(cell)
        : style.green(cell);
  lines.push(renderTable(['entry', 'host', 'state', 'params', 'run', 'when'], rows, style, paint));
  return `${lines.join('\n')}\n`;
}
