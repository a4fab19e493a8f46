import type { Infra, SecretStore, Settings } from '@provisioning/config';
import { ConnectionPool, type PoolEventListener } from '@provisioning/remote';
import { join } from 'node:path';
import { EngineError } from '../errors';
import { expandPath, hostSpecsFor } from './host-specs';

export interface OpenPoolOptions {
  settings: Settings;
  workspaceRoot: string;
  /** `--accept-new-host-keys`: trust on first use for this run, whatever the settings say. */
  acceptNewHostKeys?: boolean;
  secrets?: readonly string[];
  /** Where `ssh_password` / `sudo_password` references are looked up. */
  secretStore?: SecretStore;
  onEvent?: PoolEventListener;
}

/**
 * One connection pool for a run over an infra. Host keys are checked against the workspace's
 * `.provisioning/known_hosts` (or ssh.known_hosts) and then ~/.ssh/known_hosts; unknown keys are
 * accepted only with `ssh.strict_host_key_checking: accept-new` or --accept-new-host-keys.
 */
export function openPool(infra: Infra, options: OpenPoolOptions): ConnectionPool {
  const checking = options.settings.ssh.strict_host_key_checking ?? 'yes';
  if (checking === 'no') {
    throw new EngineError(
      'ssh.strict_host_key_checking is "no": Provisioning never connects without checking host keys',
      'set it to "accept-new" (trust on first use, a changed key still fails) or "yes"',
    );
  }
  const workspaceKnownHosts = workspaceKnownHostsPath(options.settings, options.workspaceRoot);
  return new ConnectionPool({
    hosts: hostSpecsFor(infra, options),
    workspaceKnownHosts,
    acceptNewHostKeys: options.acceptNewHostKeys || checking === 'accept-new',
    secrets: options.secrets,
    onEvent: options.onEvent,
  });
}

/** The known_hosts file a workspace records keys in: settings ssh.known_hosts, else .provisioning/known_hosts. */
export function workspaceKnownHostsPath(settings: Settings, workspaceRoot: string): string {
  return settings.ssh.known_hosts
    ? expandPath(settings.ssh.known_hosts, workspaceRoot)
    : join(workspaceRoot, '.provisioning', 'known_hosts');
}
