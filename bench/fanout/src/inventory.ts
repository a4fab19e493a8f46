import { readFileSync } from 'node:fs';

/** The part of the testbed's inventory.json the benchmark uses. */
export interface FanoutInventory {
  privateKeyPath: string;
  knownHostsPath: string;
  hosts: Array<{ name: string; address: string; port: number }>;
  /** Light hosts (light-hosts.sh): the cpuacct cgroup every host's sshd and sessions run in. */
  hostsCgroup?: string;
}

export function readFanoutInventory(path: string): FanoutInventory {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as FanoutInventory;
  if (!raw.hosts?.length)
    throw new Error(`${path} lists no hosts: bring the testbed up first (bench/fanout/run.sh does)`);
  return {
    privateKeyPath: raw.privateKeyPath,
    knownHostsPath: raw.knownHostsPath,
    hosts: raw.hosts.map(({ name, address, port }) => ({ name, address, port })),
    ...(raw.hostsCgroup ? { hostsCgroup: raw.hostsCgroup } : {}),
  };
}

/** OpenSSH client options every OpenSSH runner and the harness use: key auth, the testbed's known_hosts, no user config. */
export function sshOptions(inventory: FanoutInventory): string[] {
  return [
    '-F',
    '/dev/null',
    '-i',
    inventory.privateKeyPath,
    '-o',
    `UserKnownHostsFile=${inventory.knownHostsPath}`,
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    'BatchMode=yes',
    '-o',
    'User=root',
  ];
}
