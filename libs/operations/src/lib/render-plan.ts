import type { HostPlan, PlannedStatus } from './plan';

const SYMBOL: Record<PlannedStatus, string> = { change: '~', 'known-after-apply': '?', error: '!', unchanged: '=' };

/**
 * A host's plan as the CLI prints it: a count line, then one line per operation that will (or may)
 * change or cannot run, with its unified diff indented below. Unchanged ones only when `verbose`.
 */
export function renderHostPlan(plan: HostPlan, options: { verbose?: boolean } = {}): string {
  const count = (status: PlannedStatus) => plan.operations.filter((op) => op.status === status).length;
  const parts = [`${count('change')} to change`, `${count('known-after-apply')} known after apply`, `${count('unchanged')} unchanged`];
  if (plan.errors) parts.push(`${plan.errors} cannot run`);
  const lines = [`${plan.host}: ${parts.join(', ')}`];
  for (const op of plan.operations) {
    if (op.status === 'unchanged' && !options.verbose) continue;
    lines.push(`  ${SYMBOL[op.status]} ${op.id} (${op.kind}): ${op.summary}`);
    if (op.status === 'error' && op.reason) lines.push(`      ${op.reason}`);
    if (op.diff) lines.push(...op.diff.trimEnd().split('\n').map((text) => `      ${text}`));
  }
  return `${lines.join('\n')}\n`;
}
