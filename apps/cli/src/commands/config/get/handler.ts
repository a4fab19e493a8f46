import type { CommandContext } from '../../../cli/command-definition';
import { CliError, UsageError } from '../../../cli/errors';
import { workspaceRootFor } from '../../../engine/workspace-root';

async function checkKey(key: string): Promise<void> {
  const { assertSettingKey, UnknownSettingError } = await import('@provisioning/config');
  try {
    assertSettingKey(key);
  } catch (error) {
    if (error instanceof UnknownSettingError)
      throw new UsageError(error.message, "run 'provisioning config show' to list every key");
    throw error;
  }
}

export async function run(ctx: CommandContext): Promise<number> {
  const key = ctx.args[0];
  await checkKey(key);
  const { getSetting, readDefaultInfra, resolveSettings } = await import('@provisioning/config');
  const root = await workspaceRootFor(ctx, { required: false });
  const infra = (ctx.options['infra'] as string | undefined) ?? (root ? readDefaultInfra(root) : undefined);
  const resolved = resolveSettings({ workspaceRoot: root, infra, env: ctx.env });
  const value = getSetting(resolved.settings, key);
  if (value === undefined)
    throw new CliError(
      `${key} is not set in any layer`,
      `set it with 'provisioning config set ${key} VALUE'`,
    );
  const origin = resolved.origins[key];
  ctx.out.result(
    { key, value, origin },
    (data) => `${typeof data.value === 'string' ? data.value : JSON.stringify(data.value)}\n`,
  );
  return 0;
}
