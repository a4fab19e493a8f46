import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { TestbedState } from './state';
import { SUDO_PASSWORD, SUDO_USER } from './base-image';
import { testbedSettings } from './settings';

/** What a test or a workspace needs to reach the testbed's hosts. */
export interface InventoryHost {
  readonly name: string;
  readonly address: string;
  readonly port: number;
  readonly user: string;
  /** The host's public key as it appears in known_hosts ("ssh-ed25519 AAAA..."). */
  readonly hostKey: string;
  /** Same as the inventory's privateKeyPath/knownHostsPath, repeated so each entry stands alone. */
  readonly privateKey: string;
  readonly knownHosts: string;
}

export interface Inventory {
  readonly name: string;
  readonly subnet: string;
  readonly gateway: string;
  /** Path of the client's private key (ed25519, no passphrase) accepted by root and the sudo user. */
  readonly privateKeyPath: string;
  /** Path of a known_hosts file listing every host's key by address. */
  readonly knownHostsPath: string;
  readonly sudoUser: { readonly name: string; readonly password: string };
  /** HTTP server on the bridge serving `dir`, reachable from every host at `url`. */
  readonly artifacts: { readonly url: string; readonly dir: string };
  readonly hosts: readonly InventoryHost[];
}

export const INVENTORY_JSON = 'inventory.json';
export const INVENTORY_YAML = 'inventory.yaml';

export function buildInventory(state: TestbedState): Inventory {
  return {
    name: state.name,
    subnet: state.subnet,
    gateway: state.bridge.address,
    privateKeyPath: state.clientKey,
    knownHostsPath: state.knownHosts,
    sudoUser: { name: SUDO_USER, password: SUDO_PASSWORD },
    artifacts: { url: state.artifacts.url, dir: state.artifacts.dir },
    hosts: [...state.hosts]
      .sort((a, b) => a.index - b.index)
      .map((host) => ({
        name: host.name,
        address: host.address,
        port: 22,
        user: 'root',
        hostKey: host.hostKey,
        privateKey: state.clientKey,
        knownHosts: state.knownHosts,
      })),
  };
}

/**
 * An infra file a workspace can use as is (`infra/<name>/servers.yaml`, see docs/workspace.md):
 * the servers with their key, labelled `testbed: <instance>`, and strict host-key checking
 * against the testbed's known_hosts.
 */
export function inventoryYaml(inventory: Inventory): string {
  return stringify({
    servers: inventory.hosts.map((host) => ({
      name: host.name,
      address: host.address,
      port: host.port,
      user: host.user,
      ssh_key: inventory.privateKeyPath,
      labels: { testbed: inventory.name },
    })),
    settings: { ssh: { known_hosts: inventory.knownHostsPath, strict_host_key_checking: 'yes' } },
  });
}

/** known_hosts lines, one per host, keyed by address (what an SSH client connecting by IP looks up). */
export function knownHostsText(hosts: readonly Pick<InventoryHost, 'address' | 'hostKey'>[]): string {
  return hosts.map((host) => `${host.address} ${host.hostKey}\n`).join('');
}

/** Where `up` writes the inventory of an instance (default: the one TESTBED_* selects). */
export function inventoryFiles(stateDir: string = testbedSettings().stateDir): {
  json: string;
  yaml: string;
} {
  return { json: join(stateDir, INVENTORY_JSON), yaml: join(stateDir, INVENTORY_YAML) };
}

/** Reads the inventory `up` wrote (default: the instance TESTBED_* selects); the error says how to bring the testbed up. */
export function readInventory(stateDir: string = testbedSettings().stateDir): Inventory {
  const path = inventoryFiles(stateDir).json;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Inventory;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(
        `no testbed inventory at ${path}: the testbed is down; run \`npx nx run testbed:up --hosts 3\``,
      );
    }
    throw new Error(`testbed inventory ${path} is unreadable: ${(error as Error).message}`);
  }
}
