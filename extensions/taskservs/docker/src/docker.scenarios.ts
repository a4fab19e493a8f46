import type { TaskservScenario } from '@provisioning/sdk';

const common = { registry_mirrors: ['https://mirror.example.com'], log_max_size: '20m', users: ['deploy'] };

export const dockerScenarios: readonly TaskservScenario[] = [
  {
    name: 'docker: mirrors, log rotation, a user in the docker group, then a second mirror',
    taskserv: 'docker',
    description:
      'Adding a mirror rewrites daemon.json and restarts dockerd once. No container is run on the testbed (see the README).',
    hosts: 1,
    apply: { params: common },
    checks: [
      {
        description: 'dockerd answers and reads the mirror',
        command: 'docker info 2>/dev/null',
        expect: 'https://mirror.example.com/',
      },
      {
        description: 'live restore is on',
        command: 'docker info 2>/dev/null',
        expect: 'Live Restore Enabled: true',
      },
      {
        description: 'logs rotate',
        command: "docker info --format '{{.LoggingDriver}}' && cat /etc/docker/daemon.json",
        expect: '"max-size": "20m"',
      },
      { description: 'deploy is in the docker group', command: 'id -nG deploy', expect: 'docker' },
    ],
    change: {
      params: { ...common, registry_mirrors: [...common.registry_mirrors, 'https://mirror2.example.com'] },
      changes: ['file:docker-daemon-json', 'service:docker'],
    },
    removed: [
      {
        description: 'dockerd is removed',
        command: 'test ! -e /usr/sbin/dockerd && echo gone',
        expect: 'gone',
      },
      {
        description: 'daemon.json is gone',
        command: 'test ! -e /etc/docker/daemon.json && echo gone',
        expect: 'gone',
      },
    ],
  },
];
