import type { CommandContext } from '../../../cli/command-definition';
import { runControl } from './handler';

export const run = (ctx: CommandContext) => runControl(ctx, 'resume');
