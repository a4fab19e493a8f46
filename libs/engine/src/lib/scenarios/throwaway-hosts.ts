import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { ProviderDefinition } from '@provisioning/sdk';
import { EngineError } from '../errors';
import { openInfra } from '../infra/open-infra';
import type { ServerEventListener } from '../servers/server-context';
import { SCENARIO_INFRA, writeScenarioWorkspace } from './scenario-workspace';

export interface ThrowawayHostsOptions {
  /** An empty folder that becomes the scenario workspace (its key, known_hosts and state live in it). */
  root: string;
  count: number;
  /** Server names are `<prefix>-1`, `<prefix>-2`, ... */
  prefix: string;
  /** The `nspawn` provider's options (bridge, subnet, rootfs, state_dir, ...): docs/providers.md. */
  providerOptions: Record<string, unknown>;
  providers: Iterable<ProviderDefinition>;
  signal?: AbortSignal;
  onEvent?: ServerEventListener;
}

/** Why this machine cannot boot throwaway hosts (not root, no systemd-nspawn), or undefined when it can. */
export function throwawayHostsProblem(
  env: NodeJS.ProcessEnv = process.env,
  uid = process.getuid?.() ?? -1,
): EngineError | undefined {
  const onPath = (name: string) =>
    (env.PATH ?? '')
      .split(delimiter)
      .filter(Boolean)
      .some((dir) => {
        try {
          accessSync(join(dir, name), constants.X_OK);
          return true;
        } catch {
          return false;
        }
      });
  if (!onPath('systemd-nspawn'))
    return new EngineError(
      'the throwaway hosts of a test run boot with systemd-nspawn, which this machine lacks (no systemd-nspawn on PATH)',
      'install it (Debian/Ubuntu: apt-get install systemd-container) on a Linux machine booted with systemd',
    );
  if (uid !== 0)
    return new EngineError(
      'the throwaway hosts of a test run boot with systemd-nspawn, which needs root (this process runs as uid ' +
        `${uid})`,
      'run it as root (sudo -E provisioning test ...), or in a root container or VM',
    );
  return undefined;
}

/**
 * Writes a scenario workspace whose servers are `count` nspawn hosts, and creates them through the
 * engine (journaled, host keys recorded): each host is a fresh Debian with root reachable over SSH
 * with the workspace's own key. Returns the server names; throws when a host could not be made
 * (the ones that were are still recorded, so `removeThrowawayHosts` removes them).
 */
export async function bootThrowawayHosts(options: ThrowawayHostsOptions): Promise<string[]> {
  const key = join(options.root, 'id_ed25519');
  if (!existsSync(key))
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'provisioning-test', '-f', key]);
  const hosts = Array.from({ length: options.count }, (_, i) => `${options.prefix}-${i + 1}`);
  writeScenarioWorkspace(options.root, {
    servers: hosts.map((name) => ({ name, provider: 'nspawn', provider_options: options.providerOptions })),
    settings: { ssh: { user: 'root', key, agent: false, strict_host_key_checking: 'yes' } },
  });
  const infra = await openInfra({
    workspace: options.root,
    infra: SCENARIO_INFRA,
    env: {},
    providers: options.providers,
  });
  try {
    const result = await infra.createServers(hosts, { signal: options.signal, onEvent: options.onEvent });
    const failed = result.servers.filter((server) => server.status === 'failed');
    if (failed.length > 0)
      throw new EngineError(
        `could not boot ${failed.map((server) => `${server.name} (${server.error})`).join(', ')}`,
        "see the provider's message; `provisioning provider list` shows its options",
      );
  } finally {
    await infra.close();
  }
  return hosts;
}

/** Deletes the hosts `bootThrowawayHosts` made (only those with a record): overlay, veth, cgroups, bridge if it made it. */
export async function removeThrowawayHosts(
  root: string,
  hosts: readonly string[],
  providers: Iterable<ProviderDefinition>,
  options: { signal?: AbortSignal; onEvent?: ServerEventListener } = {},
): Promise<{ deleted: number; failures: string[] }> {
  const infra = await openInfra({ workspace: root, infra: SCENARIO_INFRA, env: {}, providers });
  try {
    const recorded = (await infra.serverStates())
      .filter((state) => state.recorded !== undefined)
      .map((state) => state.name);
    const names = hosts.filter((name) => recorded.includes(name));
    if (names.length === 0) return { deleted: 0, failures: [] };
    const result = await infra.deleteServers(await infra.planServerDelete(names), options);
    return {
      deleted: result.deleted,
      failures: result.servers
        .filter((server) => server.status === 'failed')
        .map((server) => `${server.name}: ${server.error}`),
    };
  } finally {
    await infra.close();
  }
}
