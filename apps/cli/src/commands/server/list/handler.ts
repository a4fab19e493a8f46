import type { CommandContext } from '../../../cli/command-definition';
import type { Style } from '../../../cli/style';
import { asCliError, openInfraFor } from '../../../engine/open-infra-for-command';
import { renderTable } from '../../../render/render-table';

interface ServerRow {
  name: string;
  provider: string;
  /** Undefined for provider local (no connection). */
  address?: string;
  port?: number;
  user?: string;
  jumpHost?: string;
  labels: Record<string, string>;
  taskservs: string[];
}

export async function run(ctx: CommandContext): Promise<number> {
  const handle = await openInfraFor(ctx, { infra: ctx.options.infra as string | undefined });
  try {
    const infra = handle.definition;
    const specs = new Map(handle.hostSpecs().map((spec) => [spec.name, spec]));
    const targets = handle.taskservTargets();
    const servers: ServerRow[] = infra.servers.map((server) => {
      const spec = specs.get(server.name);
      const remote = server.provider !== 'local' && spec;
      return {
        name: server.name,
        provider: server.provider,
        ...(remote ? { address: spec.address, port: spec.port, user: spec.user } : {}),
        ...(server.jump_host ? { jumpHost: server.jump_host } : {}),
        labels: server.labels,
        taskservs: [...targets].filter(([, hosts]) => hosts.includes(server.name)).map(([entry]) => entry),
      };
    });
    ctx.out.result({ infra: infra.name, servers }, renderServers);
    return 0;
  } catch (error) {
    throw asCliError(error);
  } finally {
    await handle.close();
  }
}

function renderServers({ infra, servers }: { infra: string; servers: ServerRow[] }, style: Style): string {
  if (servers.length === 0) return `Infra ${infra} has no servers; add them under servers: in infra/${infra}/*.yaml.\n`;
  const rows = servers.map((server) => [
    server.name,
    server.address === undefined ? '(this machine)' : `${server.address}${server.jumpHost ? ` via ${server.jumpHost}` : ''}`,
    server.port === undefined ? '-' : String(server.port),
    server.user ?? '-',
    server.provider,
    Object.entries(server.labels).map(([key, value]) => `${key}=${value}`).join(',') || '-',
    server.taskservs.join(', ') || '-',
  ]);
  return `${renderTable(['name', 'address', 'port', 'user', 'provider', 'labels', 'taskservs'], rows, style)}\n`;
}
