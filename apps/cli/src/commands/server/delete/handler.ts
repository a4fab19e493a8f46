import { deleteServers, planServerDelete, type ServerDeletePlan, type ServerDeleteResult } from '@provisioning/engine';
import type { CommandContext } from '../../../cli/command-definition';
import { ExitCode } from '../../../cli/errors';
import type { Style } from '../../../cli/style';
import { confirm } from '../../../session/confirm';
import { asCliError, openInfraSession } from '../../../session/infra-session';
import { interruptSignal } from '../../../session/interrupt-signal';
import { renderTable } from '../../../session/render-table';
import { serverProgressPrinter } from '../../../session/server-progress';

export async function run(ctx: CommandContext): Promise<number> {
  const session = await openInfraSession(ctx, { infra: ctx.options.infra as string | undefined });
  const interrupt = interruptSignal();
  try {
    const serverContext = session.serverContext({ signal: interrupt.signal, onEvent: serverProgressPrinter(ctx.out) });
    const plan = await planServerDelete(serverContext, ctx.args);
    if (ctx.global.check) {
      ctx.out.result(plan, renderDeletePlan);
      return ExitCode.usageOrChanges;
    }
    if (!ctx.global.yes) {
      await confirm(ctx, renderDeletePlan(plan, ctx.out.errStyle), `Delete ${plan.servers.length} server${plan.servers.length === 1 ? '' : 's'} and everything on ${plan.servers.length === 1 ? 'it' : 'them'}?`, {
        message: 'this would delete servers and nobody is there to confirm',
        hint: 'pass --yes to delete them',
      });
    }
    const result = await deleteServers(serverContext, plan);
    ctx.out.result(result, renderDeleteResult);
    return result.failed > 0 ? ExitCode.error : ExitCode.ok;
  } catch (error) {
    throw asCliError(error);
  } finally {
    interrupt.dispose();
    await session.close();
  }
}

function renderDeletePlan(plan: ServerDeletePlan, style: Style): string {
  const rows = plan.servers.map((item) => [item.name, item.provider, item.providerId ?? '(interrupted create)', item.address ?? '-']);
  return `${renderTable(['server', 'provider', 'id', 'address'], rows, style)}\n\nPlan: ${plan.servers.length} server${plan.servers.length === 1 ? '' : 's'} to delete in infra ${plan.infra}.\n`;
}

function renderDeleteResult(result: ServerDeleteResult, style: Style): string {
  const lines = result.servers.map((item) => (item.status === 'deleted' ? `${style.green('deleted')} ${item.name}` : `${style.red('failed')}  ${item.name}: ${item.error}`));
  return `${lines.join('\n')}\n\nDeleted ${result.deleted} server${result.deleted === 1 ? '' : 's'}${result.failed ? `, ${result.failed} failed` : ''}.\n`;
}
