import type { ClusterStatus } from '@provisioning/engine';
import type { CommandContext } from '../../../cli/command-definition';
import { ExitCode } from '../../../cli/errors';
import type { Style } from '../../../cli/style';
import { asCliError, openInfraFor } from '../../../engine/open-infra-for-command';
import { renderTable } from '../../../render/render-table';
import { renderHealth, renderOutputs } from '../render-cluster';

export async function run(ctx: CommandContext): Promise<number> {
  const handle = await openInfraFor(ctx, { infra: ctx.options.infra as string | undefined });
  try {
    const status = await handle.clusterStatus(ctx.args[0]);
    ctx.out.result(status, renderStatus);
    return status.healthy ? ExitCode.ok : ExitCode.error;
  } catch (error) {
    throw asCliError(error);
  } finally {
    await handle.close();
  }
}

function renderStatus(status: ClusterStatus, style: Style): string {
  const rows = status.roles.flatMap((role) =>
    role.servers.map((server) => [
      role.name,
      server.name,
      server.created === undefined ? 'exists' : server.created ? 'created' : 'not created',
      server.member ? 'yes' : 'no',
    ]),
  );
  const parts = [
    style.bold(`Cluster ${status.cluster} (${status.extension}) in infra ${status.infra}`),
    renderTable(['role', 'server', 'server state', 'member'], rows, style),
  ];
  if (status.health.length) parts.push(renderHealth(status.health, style));
  if (status.outputs.length) parts.push(renderOutputs(status.outputs));
  const built = status.roles.every((role) =>
    role.servers.every((server) => server.member && server.created !== false),
  );
  parts.push(
    status.healthy
      ? style.green('healthy')
      : style.red(built ? 'not healthy' : `not built: run 'provisioning cluster create ${status.cluster}'`),
  );
  return `${parts.join('\n\n')}\n`;
}
