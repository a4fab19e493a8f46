import type { CommandContext } from '../../cli/command-definition';
import type { AdHocOptionValues } from '../../session/ad-hoc-options';
import { runAdHocOnServers } from '../../session/run-ad-hoc-on-servers';

export async function run(ctx: CommandContext): Promise<number> {
  const options = ctx.options as AdHocOptionValues & { servers?: string };
  return runAdHocOnServers(ctx, ctx.args[0], options.servers === 'all' ? undefined : options.servers, options);
}
