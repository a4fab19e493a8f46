import {
  addServersToInfra,
  type AddServersResult,
  type NewServer,
  type Settings,
} from '@provisioning/config';
import {
  appendKnownHost,
  type FoundSshHost,
  scanSsh,
  type ScanOptions,
  type ScanResult,
} from '@provisioning/remote';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { EngineError } from '../errors';
import { workspaceKnownHostsPath } from '../hosts/open-pool';

export type { FoundSshHost, ScanResult } from '@provisioning/remote';

export interface ScanNetworkOptions extends Omit<ScanOptions, 'knownHostsFiles'> {
  /** When given, found keys are compared with this workspace's known_hosts (then ~/.ssh/known_hosts). */
  workspace?: { root: string; settings: Settings };
}

/** Scans a network for SSH servers (TCP connect, no root) and says which host keys are already trusted. */
export async function scanNetwork(options: ScanNetworkOptions): Promise<ScanResult> {
  const { workspace, ...scan } = options;
  const knownHostsFiles = [
    ...(workspace ? [workspaceKnownHostsPath(workspace.settings, workspace.root)] : []),
    join(homedir(), '.ssh', 'known_hosts'),
  ];
  try {
    return await scanSsh({ ...scan, knownHostsFiles });
  } catch (error) {
    if (error instanceof Error && 'hint' in error)
      throw new EngineError(error.message.split('\nHint: ')[0].replace(/^scan: /, ''), String(error.hint));
    throw error;
  }
}

export interface AddFoundHostsOptions {
  workspaceRoot: string;
  settings: Settings;
  infra: string;
  /** Found hosts with the name each gets; their keys are recorded as found (confirm them first). */
  hosts: ReadonlyArray<{ found: FoundSshHost; server: NewServer }>;
}

export interface AddFoundHostsResult extends AddServersResult {
  knownHostsFile: string;
}

/**
 * Adds found hosts to an infra's servers and records their host keys in the workspace's
 * known_hosts, so the next connection verifies exactly the key the user confirmed. A host whose
 * key differs from the one on record is refused: that is what a man in the middle looks like.
 */
export function addFoundHosts(options: AddFoundHostsOptions): AddFoundHostsResult {
  const changed = options.hosts.filter(({ found }) => found.known === 'changed');
  if (changed.length) {
    throw new EngineError(
      `the host key of ${changed.map(({ found }) => found.address).join(', ')} differs from the one on record`,
      'if the host was reinstalled, remove its old line from known_hosts (ssh-keygen -R ADDRESS -f FILE) and scan again',
    );
  }
  const result = addServersToInfra(
    options.workspaceRoot,
    options.infra,
    options.hosts.map(({ server }) => server),
  );
  const knownHostsFile = workspaceKnownHostsPath(options.settings, options.workspaceRoot);
  for (const { found, server } of options.hosts) {
    if (found.known === 'known' || !result.added.includes(server)) continue;
    appendKnownHost(knownHostsFile, found.address, found.port, found.hostKey.type, found.hostKey.base64);
  }
  return { ...result, knownHostsFile };
}
