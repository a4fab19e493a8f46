import { type HostPlanView, plan } from '@provisioning/engine';
import type { InstalledTaskserv } from '@provisioning/store';
import type { CommandContext } from '../../../cli/command-definition';
import { ExitCode } from '../../../cli/errors';
import type { Style } from '../../../cli/style';
import { formatTimestamp } from '../../../session/format-time';
import { asCliError, openInfraSession } from '../../../session/infra-session';
import { progressPrinter } from '../../../session/progress';
import { assertEntryTargetsHosts } from '../entry-hosts';
import { entryName, type EntryOptionValues } from '../entry-options';

type HostState = 'converged' | 'pending' | 'not-installed' | 'error';

interface HostStatus {
  host: string;
  status: HostState;
  changes: number;
  /** What the state store recorded for this host, if anything. */
  installed?: { version: string; runId: string; installedAt: Date };
  error?: string;
}

interface TaskservStatus {
  taskserv: string;
  infra: string;
  hosts: HostStatus[];
}

export async function run(ctx: CommandContext): Promise<number> {
  const name = entryName(ctx);
  const options = ctx.options as EntryOptionValues;
  const session = await openInfraSession(ctx, { ...options, taskservs: name });
  try {
    assertEntryTargetsHosts(session, name, options.servers);
    const preview = await plan(session.runContext('install', { onEvent: progressPrinter(ctx.out) }));
    const records = (await session.store.listTaskservs(session.infra.name)).filter((record) => record.name === name);
    const hosts = [...new Set(preview.hosts.map((view) => view.host))].map((host) =>
      hostStatus(host, preview.hosts.filter((view) => view.host === host), records.find((record) => record.host === host)),
    );
    const result: TaskservStatus = { taskserv: name, infra: session.infra.name, hosts };
    ctx.out.result(result, renderStatus);
    if (hosts.some((host) => host.status === 'error')) return ExitCode.error;
    return hosts.every((host) => host.status === 'converged') ? ExitCode.ok : ExitCode.usageOrChanges;
  } catch (error) {
    throw asCliError(error);
  } finally {
    await session.close();
  }
}

function hostStatus(host: string, views: HostPlanView[], record: InstalledTaskserv | undefined): HostStatus {
  const installed = record ? { installed: { version: record.version, runId: record.runId, installedAt: record.installedAt } } : {};
  const failed = views.find((view) => view.status === 'error' || view.errors > 0);
  if (failed) {
    const reason = failed.reason ?? failed.operations.find((op) => op.status === 'error')?.reason ?? 'planning failed';
    return { host, status: 'error', changes: 0, error: reason, ...installed };
  }
  // A step waiting for another host's change counts as pending: what it will do is known only after.
  const changes = views.reduce((sum, view) => sum + (view.status === 'known-after-apply' ? Math.max(1, view.changes) : view.changes), 0);
  if (changes === 0) return { host, status: 'converged', changes, ...installed };
  return { host, status: record ? 'pending' : 'not-installed', changes, ...installed };
}

function renderStatus({ taskserv, hosts }: TaskservStatus, style: Style): string {
  const width = Math.max(...hosts.map((host) => host.host.length));
  const lines = hosts.map((host) => {
    const recorded = host.installed ? style.dim(` (${host.installed.version}, run ${host.installed.runId}, ${formatTimestamp(host.installed.installedAt)})`) : '';
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
        ? style.yellow(`${taskserv}: changes pending on ${pending} of ${hosts.length} hosts; apply them with: provisioning taskserv install ${taskserv}`)
        : style.green(`${taskserv}: converged on ${plural(hosts.length, 'host')}.`);
  return `${[...lines, '', verdict].join('\n')}\n`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
