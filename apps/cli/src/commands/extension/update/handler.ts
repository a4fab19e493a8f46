import type { CommandContext } from '../../../cli/command-definition';
import { extensionManagerFor, renderInstallReport, withExtensionErrors } from '../extension-session';

export async function run(ctx: CommandContext): Promise<number> {
  const { manager } = await extensionManagerFor(ctx, { user: Boolean(ctx.options.user) });
  const report = await withExtensionErrors(() => manager.update(ctx.args));
  ctx.out.result(report, renderInstallReport);
  return 0;
}
