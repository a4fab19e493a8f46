import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { privateKeyObject, publishToDirectory } from '@provisioning/extensions';
import type { CommandContext } from '../../../cli/command-definition';
import { CliError } from '../../../cli/errors';
import { withExtensionErrors } from '../../extension/extension-session';

export async function run(ctx: CommandContext): Promise<number> {
  const file = resolve(ctx.cwd, ctx.args[0]);
  const keyFile = resolve(ctx.cwd, ctx.options.key as string);
  const read = (path: string) => {
    try {
      return readFileSync(path);
    } catch (error) {
      throw new CliError(`${path} cannot be read (${(error as NodeJS.ErrnoException).code})`);
    }
  };
  const bytes = read(file);
  const result = await withExtensionErrors(() =>
    publishToDirectory(
      resolve(ctx.cwd, ctx.options.registry as string),
      bytes,
      privateKeyObject(read(keyFile).toString('utf8'), keyFile),
    ),
  );
  ctx.out.result(
    result,
    (r) =>
      `published ${r.kind} ${r.name}@${r.version} -> ${r.tarball}\nsha256 ${r.sha256}, signed by key ${r.keyId}\n`,
  );
  return 0;
}
