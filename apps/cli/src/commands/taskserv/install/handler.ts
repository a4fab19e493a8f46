import type { CommandContext } from '../../../cli/command-definition';
import { applyEntry } from '../apply-entry';

export async function run(ctx: CommandContext): Promise<number> {
  return applyEntry(ctx, 'install');
}
