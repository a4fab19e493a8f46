import type { TaskservScenario } from '@provisioning/sdk';

// The testbed has no internet: the sources are listed and polled, never reached. nspawn hosts lack
// CAP_SYS_TIME, so chronyd runs with control_clock: false (what a container needs anyway).
const common = {
  pools: [],
  servers: [{ address: '192.0.2.10', prefer: true }],
  allow: ['10.0.0.0/8'],
  control_clock: false,
};

export const chronyScenarios: readonly TaskservScenario[] = [
  {
    name: 'chrony: a preferred server, serving time to a network, without clock control, then a second server',
    taskserv: 'chrony',
    description: 'Adding a server rewrites chrony.conf and restarts chronyd once.',
    hosts: 1,
    apply: { params: common },
    checks: [
      {
        description: 'chronyd runs (without clock control in a container)',
        command: 'systemctl is-active chrony && ps -o args= -C chronyd',
        expect: '-x',
      },
      { description: 'the server is a source', command: 'chronyc -n sources', expect: '192.0.2.10' },
      {
        description: 'it serves time to the network',
        command: 'chronyc -n serverstats >/dev/null && grep "^allow" /etc/chrony/chrony.conf',
        expect: 'allow 10.0.0.0/8',
      },
      { description: 'it starts at boot', command: 'systemctl is-enabled chrony', expect: 'enabled' },
    ],
    change: {
      params: { ...common, servers: [...common.servers, { address: '192.0.2.11' }] },
      changes: ['file:chrony-conf', 'service:chrony'],
    },
    removed: [
      {
        description: 'chrony is removed',
        command: 'test ! -e /usr/sbin/chronyd && echo gone',
        expect: 'gone',
      },
      {
        description: 'the drop-in is gone',
        command:
          'test ! -e /etc/systemd/system/chrony.service.d/provisioning-no-clock-control.conf && echo gone',
        expect: 'gone',
      },
    ],
  },
];
