import type { RunDetail } from '@provisioning/engine';
import type { CommandContext } from '../../../cli/command-definition';
import { CliError } from '../../../cli/errors';
import type { Style } from '../../../cli/style';
import { formatDuration, formatTimestamp } from '../../../render/format-time';
import { asCliError, openStateFor } from '../../../engine/open-infra-for-command';

export async function run(ctx: CommandContext): Promise<number> {
  const id = ctx.args[0];
  const state = await openStateFor(ctx, { infra: ctx.options.infra as string | undefined });
  if (!state.exists) {
    throw new CliError(
      `no state store at ${state.statePath}: nothing was applied in this workspace yet`,
      "run 'provisioning apply' first",
    );
  }
  try {
    let detail: RunDetail | undefined;
    try {
      detail = await state.showRun(id);
    } catch (error) {
      // The store refuses a prefix that matches several runs.
      throw asCliError(error);
    }
    if (!detail)
      throw new CliError(
        `no run "${id}" in ${state.statePath}`,
        "see the recorded runs with 'provisioning state list'",
      );
    ctx.out.result(detail, renderRunDetail);
    return 0;
  } finally {
    await state.close();
  }
}

export function renderRunDetail({ run, operations, events }: RunDetail, style: Style): string {
  const paint = run.status === 'succeeded' ? style.green : run.status === 'failed' ? style.red : style.yellow;
  const took = run.finishedAt
    ? ` in ${formatDuration(run.finishedAt.getTime() - run.startedAt.getTime())}`
    : '';
  const lines = [
    `${style.bold(`run ${run.id}`)}: ${run.command} on infra ${run.infra}, ${paint(run.status)}${took}`,
    style.dim(`started ${formatTimestamp(run.startedAt)}${run.actor ? ` by ${run.actor}` : ''}`),
  ];
  const hosts = [...new Set(operations.map((op) => op.host))];
  if (hosts.length === 0) lines.push('', style.dim('No operation was recorded.'));
  for (const host of hosts) {
    const ofHost = operations.filter((op) => op.host === host);
    const count = (status: string) => ofHost.filter((op) => op.status === status).length;
    lines.push(
      '',
      `${style.bold(host)} ${style.dim(`${count('changed')} changed, ${count('unchanged')} unchanged, ${count('failed')} failed, ${count('skipped')} skipped`)}`,
    );
    for (const op of ofHost) {
      const mark =
        op.status === 'changed'
          ? style.yellow('changed  ')
          : op.status === 'failed'
            ? style.red('failed   ')
            : style.dim(op.status.padEnd(9));
      lines.push(
        `  ${mark} ${op.operationId}: ${op.summary} ${style.dim(`(${formatDuration(op.durationMs)})`)}`,
      );
    }
  }
  if (events.length > 0) {
    lines.push('', style.bold('events'));
    for (const event of events) {
      lines.push(
        `  ${style.dim(formatTimestamp(event.at))} ${event.host ? `${event.host} ` : ''}${event.type}: ${event.message}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
