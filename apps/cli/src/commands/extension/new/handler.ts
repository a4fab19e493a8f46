import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { explainInvalidName, extensionScaffoldFiles, type ExtensionKind } from '@provisioning/extensions';
import { CORE_VERSION } from '@provisioning/sdk';
import type { CommandContext } from '../../../cli/command-definition';
import { CliError, UsageError } from '../../../cli/errors';

export async function run(ctx: CommandContext): Promise<number> {
  const name = ctx.args[0];
  const options = ctx.options as { kind: ExtensionKind; dir?: string; description?: string };
  const problem = explainInvalidName(name);
  if (problem) throw new UsageError(`invalid extension name: ${problem}`, 'use kebab-case, e.g. my-thing');
  const description = (options.description ?? `The ${name} ${options.kind}.`).trim();
  if (!description || /[\r\n]/.test(description))
    throw new UsageError('--description must be one non-empty line');
  const dir = resolve(ctx.cwd, options.dir ?? name);
  if (existsSync(dir) && readdirSync(dir).length > 0)
    throw new CliError(
      `${dir} exists and is not empty; nothing was written`,
      'choose another --dir, or remove it',
    );
  const files = extensionScaffoldFiles({
    name,
    kind: options.kind,
    description,
    propertyName: camelCase(name),
    coreVersion: CORE_VERSION,
    layout: { kind: 'standalone' },
  });
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content, { flag: 'wx' });
  }
  ctx.out.result(
    { name, kind: options.kind, dir, files: Object.keys(files).sort() },
    (r) =>
      `created ${r.kind} ${r.name} in ${r.dir}\n${r.files.map((f) => `  ${f}`).join('\n')}\nNext: provisioning extension link ${r.dir}   (inside a workspace)\n`,
  );
  return 0;
}

function camelCase(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
