import type { CommandContext } from '../../../cli/command-definition';
import { UsageError } from '../../../cli/errors';
import type { AdHocOptionValues } from '../../../options/run-options';
import { runAdHoc } from '../../run-ad-hoc';

export async function run(ctx: CommandContext): Promise<number> {
  const [name, ...words] = ctx.args;
  if (/[,=]/.test(name)) {
    throw new UsageError(
      `server exec takes one server name, not the selection "${name}"`,
      `for several servers: provisioning run '${words.join(' ')}' --servers ${name}`,
    );
  }
  return runAdHoc(ctx, words.join(' '), { ...(ctx.options as AdHocOptionValues), servers: name });
}
