import type { ServerState } from '@provisioning/engine';
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
  /** For servers a provider creates: the record, the provider's view and any drift. */
  state?: Omit<ServerState, 'name' | 'provider' | 'defined'>;
}

export async function run(ctx: CommandContext): Promise<number> {
  const handle = await openInfraFor(ctx, { infra: ctx.options.infra as string | undefined });
  try {
    const infra = handle.definition;
    const specs = new Map(handle.hostSpecs().map((spec) => [spec.name, spec]));
    const targets = handle.taskservTargets();
    const states = new Map<string, ServerState>();
    const extra: ServerRow[] = [];
    for (const state of await handle.serverStates({ drift: ctx.options.drift === true })) {
      if (state.defined && !states.has(state.name)) states.set(state.name, state);
      else
        extra.push({
          name: state.name,
          provider: state.provider,
          ...(state.address ? { address: state.address } : {}),
          labels: {},
          taskservs: [],
          state: stateOf(state),
        });
    }
    const servers: ServerRow[] = infra.servers.map((server) => {
      const spec = specs.get(server.name);
      // a server its provider has not created yet has no address to show
      const remote =
        server.provider !== 'local' && spec && (server.address !== undefined || server.provider === 'static');
      const state = states.get(server.name);
      return {
        name: server.name,
        provider: server.provider,
        ...(remote ? { address: spec.address, port: spec.port, user: spec.user } : {}),
        ...(server.jump_host ? { jumpHost: server.jump_host } : {}),
        labels: server.labels,
        taskservs: [...targets].filter(([, hosts]) => hosts.includes(server.name)).map(([entry]) => entry),
        ...(state && server.provider !== 'static' && server.provider !== 'local'
          ? { state: stateOf(state) }
          : {}),
      };
    });
    ctx.out.result({ infra: infra.name, servers: [...servers, ...extra] }, renderServers);
    return 0;
  } catch (error) {
    throw asCliError(error);
  } finally {
    await handle.close();
  }
}

function stateOf({
  name: _name,
  provider: _provider,
  defined: _defined,
  ...state
}: ServerState): ServerRow['state'] {
  return state;
}

/** One word for the state column: the provider's view, or the drift. */
function stateCell(row: ServerRow): string {
  const state = row.state;
  if (!state) return row.provider === 'static' || row.provider === 'local' ? 'exists' : '-';
  if (state.drift === 'not-created') return 'not created';
  if (state.drift === 'interrupted') return 'create interrupted';
  if (state.drift === 'state-only') return 'missing at provider';
  if (state.drift === 'provider-only') return `${state.providerStatus ?? '?'}, not recorded`;
  return state.providerStatus ?? '-';
}

function renderServers({ infra, servers }: { infra: string; servers: ServerRow[] }, style: Style): string {
  if (servers.length === 0)
    return `Infra ${infra} has no servers; add them under servers: in infra/${infra}/*.yaml.\n`;
  const rows = servers.map((server) => [
    server.name,
    server.provider === 'local'
      ? '(this machine)'
      : server.address === undefined
        ? '-'
        : `${server.address}${server.jumpHost ? ` via ${server.jumpHost}` : ''}`,
    server.port === undefined ? '-' : String(server.port),
    server.user ?? '-',
    server.provider,
    stateCell(server),
    Object.entries(server.labels)
      .map(([key, value]) => `${key}=${value}`)
      .join(',') || '-',
    server.taskservs.join(', ') || '-',
  ]);
  return `${renderTable(['name', 'address', 'port', 'user', 'provider', 'state', 'labels', 'taskservs'], rows, style)}\n`;
}
