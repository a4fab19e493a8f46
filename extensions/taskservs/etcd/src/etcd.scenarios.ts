import type { TaskservScenario } from '@provisioning/sdk';

const common = { token: 'scenario-etcd' };

export const etcdScenarios: readonly TaskservScenario[] = [
  {
    name: 'etcd: three members form one cluster from the infra, then slower heartbeats and elections',
    taskserv: 'etcd',
    description:
      'The three servers running etcd start as one cluster (members and addresses from the infra view); new timing settings rewrite each member’s config and restart it, and the cluster stays healthy.',
    hosts: 3,
    apply: { params: common },
    checks: [
      {
        description: 'every member of the cluster answers healthy',
        command: "echo healthy=$(etcdctl endpoint health --cluster 2>&1 | grep -c 'is healthy')",
        expect: 'healthy=3',
      },
      {
        description: 'the cluster has the three servers as started members',
        command: 'echo members=$(etcdctl member list | grep -c ", started, ")',
        expect: 'members=3',
      },
      {
        description: 'this server is a member under its name in the infra',
        command: 'etcdctl member list | cut -d, -f3 | tr -d " " | grep -qx "$(hostname)" && echo member=yes',
        expect: 'member=yes',
      },
      {
        description: 'a key written through each member',
        command: 'etcdctl put "scenario/$(hostname)" written',
        expect: 'OK',
      },
      {
        description: 'is read through every member',
        command: 'echo keys=$(etcdctl get --prefix scenario/ --keys-only | grep -c scenario/)',
        expect: 'keys=3',
      },
    ],
    change: {
      params: { ...common, heartbeat_interval: 200, election_timeout: 2000 },
      changes: ['file:etcd-config', 'service:etcd'],
    },
    removed: [
      {
        description: 'the member is stopped',
        command: 'systemctl is-active etcd || true',
        expect: 'inactive',
      },
      {
        description: 'its data is kept',
        command: 'test -d /var/lib/etcd/cluster/member && echo kept',
        expect: 'kept',
      },
    ],
  },
];
