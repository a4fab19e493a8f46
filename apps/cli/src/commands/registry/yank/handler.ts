import { resolve } from 'node:path';
import { setYanked } from '@provisioning/extensions';
import type { CommandContext } from '../../../cli/command-definition';
import { UsageError } from '../../../cli/errors';
import { withExtensionErrors } from '../../extension/extension-session';

export async function run(ctx: CommandContext): Promise<number> {
  const [name, version] = ctx.args[0].split('@');
  if (!name || !version) throw new UsageError(`"${ctx.args[0]}" is not NAME@VERSION`, 'e.g. my-thing@0.1.0');
  const yanked = !ctx.options.undo;
  await withExtensionErrors(async () =>
    setYanked(
      resolve(ctx.cwd, ctx.options.registry as string),
      name,
      version,
      yanked,
      ctx.options.reason as string | undefined,
    ),
  );
  ctx.out.result(
    { name, version, yanked },
    (r) => `${r.name}@${r.version} ${r.yanked ? 'yanked' : 'offered again'}\n`,
  );
  return 0;
}
