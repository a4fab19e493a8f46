import type { ClusterDeleteResult } from '@provisioning/engine';
import type { CommandContext } from '../../../cli/command-definition';
import { ExitCode } from '../../../cli/errors';
import type { Style } from '../../../cli/style';
import { confirm } from '../../../prompt/confirm';
import { asCliError, openInfraFor } from '../../../engine/open-infra-for-command';
import { interruptSignal } from '../../../prompt/interrupt-signal';
import { progressPrinter } from '../../../render/progress';
import { renderRunResult } from '../../../render/render-run-result';

export async function run(ctx: CommandContext): Promise<number> {
  const name = ctx.args[0];
  const handle = await openInfraFor(ctx, { infra: ctx.options.infra as string | undefined });
  const interrupt = interruptSignal();
  try {
    if (!ctx.global.yes) {
      await confirm(
        ctx,
        `Cluster ${name}: every taskserv its roles placed will be removed from its servers.\n`,
        `Delete cluster ${name}?`,
        {
          message: `this would delete cluster ${name} and nobody is there to confirm`,
          hint: 'pass --yes to delete it',
        },
      );
    }
    const result = await handle.clusterDelete(name, {
      signal: interrupt.signal,
      onRunEvent: progressPrinter(ctx.out, ctx.env),
    });
    ctx.out.result(result, renderDeleted);
    return !result.run || result.run.status === 'succeeded' ? ExitCode.ok : ExitCode.error;
  } catch (error) {
    throw asCliError(error);
  } finally {
    interrupt.dispose();
    await handle.close();
  }
}

function renderDeleted(result: ClusterDeleteResult, style: Style): string {
  if (!result.run) return `Cluster ${result.cluster} has nothing on any server: nothing to delete.\n`;
  const done = result.run.status === 'succeeded';
  return `${renderRunResult(result.run, style).trimEnd()}\n\n${done ? `Cluster ${result.cluster} deleted from ${result.servers.join(', ')}; its servers stay (provisioning server delete).` : style.red(`Cluster ${result.cluster} was not deleted completely.`)}\n`;
}
