import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { FanoutInventory } from './inventory';

/**
 * A workspace with one infra, `fanout`: the testbed's hosts as servers and the fanout task service
 * on all of them. Host keys are checked against the testbed's known_hosts (strict), and
 * run.parallelism is the host count (Ansible tuned gets forks = the host count too).
 */
export function writeEngineWorkspace(dir: string, inventory: FanoutInventory): string {
  mkdirSync(join(dir, 'infra', 'fanout'), { recursive: true });
  const settings = {
    ssh: {
      user: 'root',
      key: inventory.privateKeyPath,
      agent: false,
      known_hosts: inventory.knownHostsPath,
      strict_host_key_checking: 'yes',
      // The OpenSSH runners wait for a handshake as long as it takes; 200 handshakes at once on two
      // shared cores took longer than the default 10 s (every host refused, 2026-12-02).
      connect_timeout: 120,
    },
    run: { parallelism: inventory.hosts.length },
  };
  writeFileSync(
    join(dir, 'provisioning.yaml'),
    stringify({ name: 'fanout-bench', default_infra: 'fanout', settings }),
  );
  writeFileSync(
    join(dir, 'infra', 'fanout', 'servers.yaml'),
    stringify({
      servers: inventory.hosts.map((host) => ({ name: host.name, address: host.address, port: host.port })),
    }),
  );
  writeFileSync(
    join(dir, 'infra', 'fanout', 'taskservs.yaml'),
    stringify({
      taskservs: [{ name: 'fanout-workload', servers: inventory.hosts.map((host) => host.name) }],
    }),
  );
  return dir;
}
