import type { RunDetail } from '@provisioning/store';
import type { CommandContext } from '../../../cli/command-definition';
import { CliError } from '../../../cli/errors';
import type { Style } from '../../../cli/style';
import { formatDuration, formatTimestamp } from '../../../session/format-time';
import { openStateStore } from '../../../session/state-store-session';

export async function run(ctx: CommandContext): Promise<number> {
  const id = ctx.args[0];
  const session = await openStateStore(ctx, { infra: ctx.options.infra as string | undefined });
  try {
    let detail: RunDetail | undefined;
    try {
      detail = await session.store.showRun(id);
    } catch (error) {
      // The store refuses a prefix that matches several runs.
      throw new CliError((error as Error).message, "see the ids with 'provisioning state list'");
    }
    if (!detail) throw new CliError(`no run "${id}" in ${session.statePath}`, "see the recorded runs with 'provisioning state list'");
    ctx.out.result(detail, renderRunDetail);
    return 0;
  } finally {
    await session.close();
  }
}

export function renderRunDetail({ run, operations, events }: RunDetail, style: Style): string {
  const paint = run.status === 'succeeded' ? style.green : run.status === 'failed' ? style.red : style.yellow;
  const took = run.finishedAt ? ` in ${formatDuration(run.finishedAt.getTime() - run.startedAt.getTime())}` : '';
  const lines = [
    `${style.bold(`run ${run.id}`)}: ${run.command} on infra ${run.infra}, ${paint(run.status)}${took}`,
    style.dim(`started ${formatTimestamp(run.startedAt)}${run.actor ? ` by ${run.actor}` : ''}`),
  ];
  const hosts = [...new Set(operations.map((op) => op.host))];
  if (hosts.length === 0) lines.push('', style.dim('No operation was recorded.'));
  for (const host of hosts) {
    const ofHost = operations.filter((op) => op.host === host);
    const count = (status: string) => ofHost.filter((op) => op.status === status).length;
    lines.push('', `${style.bold(host)} ${style.dim(`${count('changed')} changed, ${count('unchanged')} unchanged, ${count('failed')} failed, ${count('skipped')} skipped`)}`);
    for (const op of ofHost) {
      const mark = op.status === 'changed' ? style.yellow('changed  ') : op.status === 'failed' ? style.red('failed   ') : style.dim(op.status.padEnd(9));
      lines.push(`  ${mark} ${op.operationId}: ${op.summary} ${style.dim(`(${formatDuration(op.durationMs)})`)}`);
    }
  }
  if (events.length > 0) {
    lines.push('', style.bold('events'));
    for (const event of events) {
      lines.push(`  ${style.dim(formatTimestamp(event.at))} ${event.host ? `${event.host} ` : ''}${event.type}: ${event.message}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
