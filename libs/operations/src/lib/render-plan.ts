import type { HostPlan, PlannedStatus } from './plan';

const SYMBOL: Record<PlannedStatus, string> = {
  change: '~',
  'known-after-apply': '?',
  error: '!',
  unchanged: '=',
};

/**
 * A host's plan as the CLI prints it: a count line, then one line per operation that will (or may)
 * change or cannot run, with its unified diff indented below. Unchanged ones only when `verbose`.
 */
export function renderHostPlan(plan: HostPlan, options: { verbose?: boolean } = {}): string {
  const count = (status: PlannedStatus) => plan.operations.filter((op) => op.status === status).length;
  const parts = [
    `${count('change')} to change`,
    `${count('known-after-apply')} known after apply`,
    `${count('unchanged')} unchanged`,
  ];
  if (plan.errors) parts.push(`${plan.errors} cannot run`);
  const lines = [`${plan.host}: ${headline(plan) ?? parts.join(', ')}`];
  for (const op of plan.operations) {
    if (op.status === 'unchanged' && !options.verbose) continue;
    const now =
      op.status === 'known-after-apply' && op.provisional?.status === 'unchanged'
        ? "; unchanged on today's facts"
        : '';
    lines.push(`  ${SYMBOL[op.status]} ${op.id} (${op.kind}): ${op.summary}${now}`);
    if (op.status === 'error' && op.reason) lines.push(`      ${op.reason}`);
    if (op.diff)
      lines.push(
        ...op.diff
          .trimEnd()
          .split('\n')
          .map((text) => `      ${text}`),
      );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A converged host whose only pending operations are unguarded commands says so, instead of
 * counting every operation after them (known after apply, unchanged on today's facts) as a change.
 */
function headline(plan: HostPlan): string | undefined {
  if (plan.errors || plan.changes === 0 || plan.changes !== plan.commandsEveryApply) return undefined;
  const waiting = plan.operations.filter((op) => op.status === 'known-after-apply' && !op.everyApply).length;
  const commands = `${plan.commandsEveryApply} command${plan.commandsEveryApply === 1 ? '' : 's'} run on every apply, nothing else changes`;
  return waiting ? `${commands} (${waiting} known after apply, unchanged on today's facts)` : commands;
}
