import type { ServerDeletePlan, ServerDeleteResult } from '@provisioning/engine';
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
    const plan = await handle.planServerDelete(ctx.args);
    if (ctx.global.check) {
      ctx.out.result(plan, renderDeletePlan);
      return ExitCode.usageOrChanges;
    }
    if (!ctx.global.yes) {
      await confirm(
        ctx,
        renderDeletePlan(plan, ctx.out.errStyle),
        `Delete ${plan.servers.length} server${plan.servers.length === 1 ? '' : 's'} and everything on ${plan.servers.length === 1 ? 'it' : 'them'}?`,
        {
          message: 'this would delete servers and nobody is there to confirm',
          hint: 'pass --yes to delete them',
        },
      );
    }
    const result = await handle.deleteServers(plan, {
      signal: interrupt.signal,
      onEvent: serverProgressPrinter(ctx.out),
    });
    ctx.out.result(result, renderDeleteResult);
    return result.failed > 0 ? ExitCode.error : ExitCode.ok;
  } catch (error) {
    throw asCliError(error);
  } finally {
    interrupt.dispose();
    await handle.close();
  }
}

function renderDeletePlan(plan: ServerDeletePlan, style: Style): string {
  const rows = plan.servers.map((item) => [
    item.name,
    item.provider,
    item.providerId ?? '(interrupted create)',
    item.address ?? '-',
  ]);
  return `${renderTable(['server', 'provider', 'id', 'address'], rows, style)}\n\nPlan: ${plan.servers.length} server${plan.servers.length === 1 ? '' : 's'} to delete in infra ${plan.infra}.\n`;
}

function renderDeleteResult(result: ServerDeleteResult, style: Style): string {
  const lines = result.servers.map((item) =>
    item.status === 'deleted'
      ? `${style.green('deleted')} ${item.name}`
      : `${style.red('failed')}  ${item.name}: ${item.error}`,
  );
  return `${lines.join('\n')}\n\nDeleted ${result.deleted} server${result.deleted === 1 ? '' : 's'}${result.failed ? `, ${result.failed} failed` : ''}.\n`;
}
