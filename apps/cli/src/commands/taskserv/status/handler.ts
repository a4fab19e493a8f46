import type { TaskservHostStatus } from '@provisioning/engine';
import type { CommandContext } from '../../../cli/command-definition';
import { exitCodeFor } from '../../../cli/errors';
import type { Style } from '../../../cli/style';
import { formatTimestamp } from '../../../render/format-time';
import { asCliError, openInfraFor } from '../../../engine/open-infra-for-command';
import { progressPrinter } from '../../../render/progress';
import { assertEntryTargetsHosts } from '../entry-hosts';
import { entryName, type EntryOptionValues } from '../entry-options';

interface TaskservStatus {
  taskserv: string;
  infra: string;
  hosts: TaskservHostStatus[];
}

export async function run(ctx: CommandContext): Promise<number> {
  const name = entryName(ctx);
  const options = ctx.options as EntryOptionValues;
  const infra = await openInfraFor(ctx, options);
  try {
    assertEntryTargetsHosts(infra, name, options.servers);
    const report = await infra.taskservStatus({
      servers: options.servers,
      taskservs: [name],
      onEvent: progressPrinter(ctx.out),
    });
    const hosts = report.taskservs.find((entry) => entry.taskserv === name)?.hosts ?? [];
    const result: TaskservStatus = { taskserv: name, infra: infra.name, hosts };
    ctx.out.result(result, renderStatus);
    return exitCodeFor(
      {
        failed: hosts.some((host) => host.status === 'error'),
        pending: hosts.some((host) => host.status !== 'converged'),
      },
      true,
    );
  } catch (error) {
    throw asCliError(error);
  } finally {
    await infra.close();
  }
}

function renderStatus({ taskserv, hosts }: TaskservStatus, style: Style): string {
  const width = Math.max(...hosts.map((host) => host.host.length));
  const lines = hosts.map((host) => {
    const recorded = host.installed
      ? style.dim(
          ` (${host.installed.version}, run ${host.installed.runId}, ${formatTimestamp(host.installed.installedAt)})`,
        )
      : '';
    const label =
      host.status === 'converged'
        ? style.green('converged')
        : host.status === 'error'
          ? style.red(`error: ${(host.error ?? '').split('\n').join(`\n${' '.repeat(width + 9)}`)}`)
          : host.status === 'not-installed'
            ? style.yellow(`not installed (${plural(host.changes, 'change')} to install)`)
            : style.yellow(`${plural(host.changes, 'change')} pending`);
    return `${host.host.padEnd(width)}  ${label}${host.status === 'error' ? '' : recorded}`;
  });
  const pending = hosts.filter((host) => host.status === 'pending' || host.status === 'not-installed').length;
  const failed = hosts.filter((host) => host.status === 'error').length;
  const verdict =
    failed > 0
      ? style.red(`${taskserv}: ${failed} of ${hosts.length} hosts could not be planned.`)
      : pending > 0
        ? style.yellow(
            `${taskserv}: changes pending on ${pending} of ${hosts.length} hosts; apply them with: provisioning taskserv install ${taskserv}`,
          )
        : style.green(`${taskserv}: converged on ${plural(hosts.length, 'host')}.`);
  return `${[...lines, '', verdict].join('\n')}\n`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
