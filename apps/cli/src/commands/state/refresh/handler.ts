import type { StateRefreshResult } from '@provisioning/engine';
import type { CommandContext } from '../../../cli/command-definition';
import { asCliError, openInfraFor } from '../../../engine/open-infra-for-command';

export async function run(ctx: CommandContext): Promise<number> {
  const handle = await openInfraFor(ctx, { infra: ctx.options.infra as string | undefined });
  try {
    const result = await handle.refreshServers();
    ctx.out.result(result, renderRefresh);
    return 0;
  } catch (error) {
    throw asCliError(error);
  } finally {
    await handle.close();
  }
}

function renderRefresh(result: StateRefreshResult): string {
  const total = result.updated.length + result.removed.length + result.unchanged.length;
  if (total === 0)
    return `Infra ${result.infra} has no server created by provisioning: nothing to refresh.\n`;
  const lines = [
    ...result.updated.map((name) => `updated    ${name}`),
    ...result.removed.map(
      (name) => `forgotten  ${name} (gone at its provider; \`provisioning server create\` makes it again)`,
    ),
    ...result.unchanged.map((name) => `unchanged  ${name}`),
  ];
  return `${lines.join('\n')}\n`;
}
