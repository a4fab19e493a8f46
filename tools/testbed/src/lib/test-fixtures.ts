import type { HostState, TestbedState } from './state';

/** A recorded state as `up` writes it for a two-host instance (shared by the specs). */
export function sampleState(): TestbedState {
  const host = (index: number): HostState => ({
    index,
    name: `ptb-h${index}`,
    address: `10.147.0.${10 + index}`,
    dir: `/var/lib/provisioning-testbed/ptb/hosts/ptb-h${index}`,
    mergedDir: `/var/lib/provisioning-testbed/ptb/hosts/ptb-h${index}/merged`,
    overlayMounted: true,
    cgroups: [`/sys/fs/cgroup/systemd/ptb-h${index}`, `/sys/fs/cgroup/unified/ptb-h${index}`],
    launcher: { pid: 1000 + index, startTicks: 5000 + index },
    machineId: `${index}`.repeat(32),
    hostKey: `ssh-ed25519 AAAAkey${index}`,
  });
  return {
    version: 1,
    name: 'ptb',
    subnet: '10.147.0.0/24',
    createdAt: '2026-01-01T00:00:00.000Z',
    baseDir: '/var/cache/provisioning-testbed/base-abc',
    bridge: { name: 'ptb-br0', address: '10.147.0.1', created: true },
    clientKey: '/var/lib/provisioning-testbed/ptb/id_ed25519',
    knownHosts: '/var/lib/provisioning-testbed/ptb/known_hosts',
    hosts: [host(2), host(1)],
    artifacts: {
      dir: '/var/lib/provisioning-testbed/ptb/artifacts',
      url: 'http://10.147.0.1:8080/',
      server: { pid: 999, startTicks: 4000 },
    },
  };
}
