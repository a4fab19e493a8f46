import type { LockRecord, RunSummary } from '@provisioning/engine';
import type { CommandContext } from '../../../cli/command-definition';
import type { Style } from '../../../cli/style';
import { formatDuration, formatTimestamp } from '../../../render/format-time';
import { renderTable } from '../../../render/render-table';
import { openStateFor } from '../../../engine/open-infra-for-command';

interface StateListResult {
  runs: RunSummary[];
  locks: LockRecord[];
}

export async function run(ctx: CommandContext): Promise<number> {
  const options = ctx.options as { infra?: string; limit: number };
  const state = await openStateFor(ctx, options);
  if (!state.exists) {
    ctx.out.result<StateListResult>(
      { runs: [], locks: [] },
      () => `No runs recorded yet (no state store at ${state.statePath}).`,
    );
    return 0;
  }
  try {
    const runs = await state.listRuns({ limit: options.limit });
    const locks = await state.locks();
    ctx.out.result<StateListResult>({ runs, locks }, renderRuns);
    return 0;
  } finally {
    await state.close();
  }
}

function renderRuns({ runs, locks }: StateListResult, style: Style): string {
  const lines: string[] = [];
  if (runs.length === 0) lines.push('No runs recorded yet.');
  else {
    const rows = runs.map((item) => [
      item.id,
      item.infra,
      item.command,
      item.status,
      formatTimestamp(item.startedAt),
      item.finishedAt ? formatDuration(item.finishedAt.getTime() - item.startedAt.getTime()) : '-',
      String(item.hosts),
      String(item.changed),
      String(item.failed),
    ]);
    const paintStatus = (cell: string, column: number) =>
      column !== 3
        ? cell
        : cell === 'succeeded'
          ? style.green(cell)
          : cell === 'failed'
            ? style.red(cell)
            : style.yellow(cell);
    lines.push(
      renderTable(
        ['id', 'infra', 'command', 'status', 'started', 'duration', 'hosts', 'changed', 'failed'],
        rows,
        style,
        paintStatus,
      ),
    );
  }
  for (const lock of locks) {
    lines.push(
      '',
      style.yellow(
        `infra ${lock.infra} is locked by ${lock.command} (pid ${lock.pid} on ${lock.hostname}) since ${formatTimestamp(lock.acquiredAt)}; lock id ${lock.id}`,
      ),
      style.dim(`if that process is gone: provisioning state unlock ${lock.id}`),
    );
  }
  return `${lines.join('\n')}\n`;
}
