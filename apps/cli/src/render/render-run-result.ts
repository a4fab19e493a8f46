import type { RunResult } from '@provisioning/engine';
import type { Style } from '../cli/style';

/** The summary table at the end of apply: per host ok/changed/failed and duration, then why hosts failed. */
export function renderRunResult(result: RunResult, style: Style): string {
  const rows = result.hosts.map((h) => [
    h.host,
    h.status,
    String(h.changed),
    String(h.unchanged),
    String(h.failed + h.skipped),
    `${(h.durationMs / 1000).toFixed(1)}s`,
  ]);
  const header = ['host', 'status', 'changed', 'unchanged', 'failed/skipped', 'time'];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
  const paintStatus = (status: string) =>
    (status === 'ok' ? style.green : status === 'failed' ? style.red : style.dim)(status);
  const line = (cells: string[], paint = false) =>
    cells
      .map((cell, i) =>
        paint && i === 1 ? paintStatus(cell) + ' '.repeat(widths[i] - cell.length) : cell.padEnd(widths[i]),
      )
      .join('  ');
  const lines = [style.bold(line(header)), ...rows.map((row) => line(row, true))];
  for (const host of result.hosts) {
    if (host.error) {
      lines.push('', style.red(`${host.host}: ${host.error.message}`));
      if (host.error.command)
        lines.push(style.dim(`  command: ${host.error.command.split('\n').join('\n           ')}`));
      if (host.error.stderrTail?.length)
        lines.push(style.dim(`  stderr: ${host.error.stderrTail.join('\n          ')}`));
    } else if (host.skippedBecause)
      lines.push('', style.dim(`${host.host}: skipped: ${host.skippedBecause}`));
  }
  if (result.stoppedBecause)
    lines.push('', style.yellow(`Stopped starting hosts: ${result.stoppedBecause}.`));
  const verdict =
    result.status === 'succeeded'
      ? style.green(
          `Apply complete: ${result.changed} changed on ${result.hosts.length} host${result.hosts.length === 1 ? '' : 's'} in ${(result.durationMs / 1000).toFixed(1)}s.`,
        )
      : style.red(
          `Apply ${result.status}: ${result.failedHosts} of ${result.hosts.length} hosts failed${result.runId ? `; details: provisioning state show ${result.runId}` : ''}.`,
        );
  lines.push('', verdict);
  return `${lines.join('\n')}\n`;
}
