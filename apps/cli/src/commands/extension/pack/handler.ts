import { resolve } from 'node:path';
import { packExtensionFolder } from '@provisioning/extensions';
import type { CommandContext } from '../../../cli/command-definition';
import { withExtensionErrors } from '../extension-session';

export async function run(ctx: CommandContext): Promise<number> {
  const dir = resolve(ctx.cwd, ctx.args[0] ?? '.');
  const out = resolve(ctx.cwd, ctx.options.out as string);
  const written = await withExtensionErrors(() => packExtensionFolder(dir, out));
  ctx.out.result(written, (w) => `${w.file}\nsha256 ${w.sha256}\n`);
  return 0;
}
