import type { ServerCreatePlan, ServerCreateResult } from '@provisioning/engine';
import type { CommandContext } from '../../../cli/command-definition';
import { ExitCode } from '../../../cli/errors';
import type { Style } from '../../../cli/style';
import { confirm } from '../../../prompt/confirm';
import { asCliError, openInfraFor } from '../../../engine/open-infra-for-command';
import { interruptSignal } from '../../../prompt/interrupt-signal';
import { renderTable } from '../../../render/render-table';
import { serverProgressPrinter } from '../../../render/server-progress';

export async function run(ctx: CommandContext): Promise<number> {
  const handle = await openInfraFor(ctx, { infra: ctx.options.infra as string | undefined });
  const interrupt = interruptSignal();
  try {
    const calls = { signal: interrupt.signal, onEvent: serverProgressPrinter(ctx.out) };
    const plan = await handle.planServerCreate(ctx.args, calls);
    if (ctx.global.check || plan.changes === 0) {
      ctx.out.result(plan, renderCreatePlan);
      return plan.changes > 0 ? ExitCode.usageOrChanges : ExitCode.ok;
    }
    if (!ctx.global.yes) {
      await confirm(
        ctx,
        renderCreatePlan(plan, ctx.out.errStyle),
        `Create ${plan.changes} server${plan.changes === 1 ? '' : 's'}?`,
        {
          message: 'this would create servers and nobody is there to confirm',
          hint: 'pass --yes to create them, or --check to only see the plan',
        },
      );
    }
    const result = await handle.createServers(plan, calls);
    ctx.out.result(result, renderCreateResult);
    return result.failed > 0 ? ExitCode.error : ExitCode.ok;
  } catch (error) {
    throw asCliError(error);
  } finally {
    interrupt.dispose();
    await handle.close();
  }
}

const ACTIONS = { create: 'create', resume: 'finish interrupted create', exists: 'exists' } as const;

export function renderCreatePlan(plan: ServerCreatePlan, style: Style): string {
  if (plan.servers.length === 0)
    return `Infra ${plan.infra} has no server a provider creates (all are static).\n`;
  const rows = plan.servers.map((item) => [
    item.name,
    item.provider,
    ACTIONS[item.action],
    item.zone,
    item.plan,
    item.image,
  ]);
  const table = renderTable(
    ['server', 'provider', 'action', 'zone', 'size', 'image'],
    rows,
    style,
    (cell, column) => (column === 2 && cell !== 'exists' ? style.green(cell) : cell),
  );
  const summary =
    plan.changes === 0
      ? 'Nothing to create: every server exists.'
      : `Plan: ${plan.changes} server${plan.changes === 1 ? '' : 's'} to create in infra ${plan.infra}.`;
  return `${table}\n\n${summary}\n`;
}

function renderCreateResult(result: ServerCreateResult, style: Style): string {
  const rows = result.servers.map((item) => [
    item.name,
    item.status === 'failed' ? style.red('failed') : item.status,
    item.address ?? '-',
    item.providerId ?? '-',
    item.status === 'created' ? `${item.seconds} s` : '-',
  ]);
  const failures = result.servers
    .filter((item) => item.error)
    .map((item) => `${style.red('error:')} ${item.name}: ${item.error}`);
  const summary = `Created ${result.created} server${result.created === 1 ? '' : 's'}${result.failed ? `, ${result.failed} failed (run the same command again to finish them)` : ''}.`;
  return `${renderTable(['server', 'status', 'address', 'id', 'took'], rows, style)}\n${failures.length ? `\n${failures.join('\n')}\n` : ''}\n${summary}\n`;
}
