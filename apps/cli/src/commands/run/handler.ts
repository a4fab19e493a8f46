import type { CommandContext } from '../../cli/command-definition';
import type { RunCommandOptionValues } from '../../options/run-options';
import { runAdHoc } from '../run-ad-hoc';

export async function run(ctx: CommandContext): Promise<number> {
  return runAdHoc(ctx, ctx.args[0], ctx.options as RunCommandOptionValues);
}
