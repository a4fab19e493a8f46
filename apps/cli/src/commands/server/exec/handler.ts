import type { CommandContext } from '../../../cli/command-definition';
import { UsageError } from '../../../cli/errors';
import type { AdHocOptionValues } from '../../../session/ad-hoc-options';
import { runAdHocOnServers } from '../../../session/run-ad-hoc-on-servers';

export async function run(ctx: CommandContext): Promise<number> {
  const [name, ...words] = ctx.args;
  if (/[,=]/.test(name)) {
    throw new UsageError(`server exec takes one server name, not the selection "${name}"`, `for several servers: provisioning run '${words.join(' ')}' --servers ${name}`);
  }
  return runAdHocOnServers(ctx, words.join(' '), name, ctx.options as AdHocOptionValues);
}
