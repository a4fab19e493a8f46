import type { TaskservScenario } from '@provisioning/sdk';

const common = { registry_mirrors: { 'docker.io': ['https://mirror.example.com'] } };

export const containerdScenarios: readonly TaskservScenario[] = [
  {
    name: 'containerd: systemd cgroups and a registry mirror, then a second mirror',
    taskserv: 'containerd',
    description:
      'Adding a mirror rewrites config.toml and restarts containerd once. No container is run on the testbed (see the README).',
    hosts: 1,
    apply: { params: common },
    checks: [
      { description: 'the daemon answers', command: 'ctr version', expect: 'Server:' },
      {
        description: 'runc uses systemd cgroups',
        command: 'containerd config dump',
        expect: 'SystemdCgroup = true',
      },
      {
        description: 'the mirror is configured',
        command: 'containerd config dump | grep -A1 \'mirrors."docker.io"\'',
        expect: 'https://mirror.example.com',
      },
      { description: 'the CRI plugin loaded', command: 'ctr plugins ls | grep cri', expect: 'ok' },
    ],
    change: {
      params: {
        registry_mirrors: { ...common.registry_mirrors, 'ghcr.io': ['https://ghcr-mirror.example.com'] },
      },
      changes: ['file:containerd-config', 'service:containerd'],
    },
    removed: [
      {
        description: 'containerd is removed',
        command: 'test ! -e /usr/bin/containerd && echo gone',
        expect: 'gone',
      },
      {
        description: 'the config is gone',
        command: 'test ! -e /etc/containerd/config.toml && echo gone',
        expect: 'gone',
      },
    ],
  },
];
