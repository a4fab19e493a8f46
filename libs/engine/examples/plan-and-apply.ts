import { openInfra } from '@provisioning/engine';
import type { TaskservDefinition } from '@provisioning/sdk';

/** Plans the default infra of a workspace, prints what would change, and applies exactly that plan. */
export async function planAndApply(
  workspace: string,
  taskservs: TaskservDefinition[],
  signal?: AbortSignal,
): Promise<boolean> {
  const infra = await openInfra({ workspace, taskservs });
  try {
    for (const problem of infra.diagnostics) console.warn(`warning: ${problem.message}`);
    const plan = await infra.plan({ signal });
    for (const host of plan.hosts) {
      for (const op of host.operations.filter((op) => op.status !== 'unchanged'))
        console.log(`${host.host}: ${op.id}: ${op.summary}`);
    }
    if (plan.errors > 0) return false;
    // Each host's facts are read again; a host that changed since the plan is refused, not changed.
    const result = await infra.apply(plan, {
      signal,
      onEvent: (event) =>
        event.type === 'host-finished' &&
        console.log(`${event.host}: ${event.status} (${event.changed} changed)`),
    });
    for (const host of result.hosts) if (host.error) console.error(`${host.host}: ${host.error.message}`);
    return result.status === 'succeeded';
  } finally {
    await infra.close();
  }
}
