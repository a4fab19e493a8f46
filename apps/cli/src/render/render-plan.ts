import type { HostPlanView, RunPlan } from '@provisioning/engine';
import type { Style } from '../cli/style';

const SYMBOL = { change: '~', 'known-after-apply': '?', error: '!', unchanged: ' ' } as const;

/** Terraform-like: per host the operations that change, with diffs, then one summary line. */
export function renderPlan(plan: RunPlan, style: Style): string {
  const lines: string[] = [];
  for (const host of plan.hosts) lines.push(...renderHost(host, style), '');
  const hosts = new Set(plan.hosts.filter((h) => h.changes > 0).map((h) => h.host)).size;
  const summary =
    plan.errors > 0
      ? style.red(`Plan: ${plan.errors} error${plan.errors === 1 ? '' : 's'}; fix them before applying.`)
      : plan.changes === 0
        ? style.green('No changes: every host is as described.')
        : style.bold(`Plan: ${plan.changes} to change on ${hosts} host${hosts === 1 ? '' : 's'}.`);
  lines.push(summary);
  return `${lines.join('\n')}\n`;
}

function renderHost(host: HostPlanView, style: Style): string[] {
  const head = `${style.bold(host.host)} ${style.dim(`(${host.steps.join(', ')})`)}`;
  if (host.status === 'known-after-apply') return [head, `  ${style.yellow('?')} ${host.reason}`];
  if (host.status === 'error') return [head, `  ${style.red('!')} ${host.reason}`];
  const changing = host.operations.filter((op) => op.status !== 'unchanged');
  if (changing.length === 0) return [`${head} ${style.green('no changes')}`];
  const lines = [head];
  for (const op of changing) {
    const paint = op.status === 'error' ? style.red : op.status === 'change' ? style.yellow : style.dim;
    lines.push(
      `  ${paint(SYMBOL[op.status])} ${op.id}: ${op.summary}${op.reason ? style.dim(` (${op.reason})`) : ''}`,
    );
    if (op.diff)
      lines.push(
        ...op.diff
          .trimEnd()
          .split('\n')
          .map((line) => `      ${colorDiffLine(line, style)}`),
      );
  }
  const unchanged = host.operations.length - changing.length;
  if (unchanged > 0) lines.push(style.dim(`  ${unchanged} unchanged`));
  return lines;
}

function colorDiffLine(line: string, style: Style): string {
  if (line.startsWith('+') && !line.startsWith('+++')) return style.green(line);
  if (line.startsWith('-') && !line.startsWith('---')) return style.red(line);
  return style.dim(line);
}
