import { join } from 'node:path';
import type { ConfigFileKind } from '@provisioning/config';
import type { CommandContext } from '../../../cli/command-definition';
import { CliError, UsageError } from '../../../cli/errors';
import { workspaceRootFor } from '../../../engine/workspace-root';

async function target(ctx: CommandContext): Promise<{ file: string; kind: ConfigFileKind; display: string }> {
  const { userConfigFile, WORKSPACE_FILE } = await import('@provisioning/config');
  const root = ctx.options['user']
    ? undefined
    : await workspaceRootFor(ctx, { required: Boolean(ctx.options['workspaceFile']) });
  if (root)
    return { file: join(root, WORKSPACE_FILE), kind: 'workspace', display: join(root, WORKSPACE_FILE) };
  const file = userConfigFile(ctx.env);
  return { file, kind: 'user', display: file };
}

export async function run(ctx: CommandContext): Promise<number> {
  const [key, value] = ctx.args;
  const { ConfigError, setSetting, UnknownSettingError } = await import('@provisioning/config');
  const { file, kind, display } = await target(ctx);
  try {
    const result = setSetting({ file, kind, key, value, displayPath: display });
    ctx.out.result(
      { key, value: result.value, previous: result.previous ?? null, file },
      (data) =>
        `${data.key} = ${JSON.stringify(data.value)} in ${data.file}${data.previous === null ? '' : ` (was ${JSON.stringify(data.previous)})`}\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof UnknownSettingError)
      throw new UsageError(error.message, "run 'provisioning config show' to list every key");
    if (error instanceof ConfigError) throw new CliError(error.message, `${display} was not changed`);
    throw error;
  }
}
