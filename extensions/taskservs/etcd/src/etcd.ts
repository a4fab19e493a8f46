import {
  absent,
  defineTaskserv,
  DefinitionError,
  directory,
  file,
  type InfraView,
  pkg,
  requireInfraView,
  serverAddress,
  serversRunning,
  service,
} from '@provisioning/sdk';
import type { EtcdParams } from './params';
import { etcdParams } from './params';

export const ETCD_OPERATION_IDS = {
  package: 'package:etcd',
  dataDir: 'directory:etcd-data',
  config: 'file:etcd-config',
  service: 'service:etcd',
} as const;
const ids = ETCD_OPERATION_IDS;
const CONFIG = '/etc/default/etcd';
const IP = /^[0-9.]+$|:/;

const url = (address: string, port: number) =>
  address.includes(':') ? `http://[${address}]:${port}` : `http://${address}:${port}`;

/** The cluster's members: every server of the infra running etcd, by name, at its address. */
export function etcdMembers(infra: InfraView): Array<{ name: string; address: string }> {
  const members = serversRunning(infra, 'etcd').map((server) => ({
    name: server.name,
    address: serverAddress(infra, server.name, 'etcd'),
  }));
  if (!members.some((member) => member.name === infra.server)) {
    throw new DefinitionError(
      `taskserv etcd on ${infra.server}: the infra does not place etcd on this server`,
    );
  }
  return members;
}

/** /etc/default/etcd, read by Debian's unit: this member and the cluster it forms with the others. */
export function etcdConfig(params: EtcdParams, infra: InfraView): string {
  const members = etcdMembers(infra);
  const self = members.find((member) => member.name === infra.server) as { address: string };
  // etcd listens on IP addresses only: a server known by name listens on every interface.
  const listen = IP.test(self.address) ? self.address : '0.0.0.0';
  const settings: Array<[string, string | number]> = [
    ['ETCD_NAME', infra.server],
    ['ETCD_DATA_DIR', params.data_dir],
    ['ETCD_LISTEN_PEER_URLS', url(listen, params.peer_port)],
    ['ETCD_LISTEN_CLIENT_URLS', `${url(listen, params.client_port)},${url('127.0.0.1', params.client_port)}`],
    ['ETCD_INITIAL_ADVERTISE_PEER_URLS', url(self.address, params.peer_port)],
    ['ETCD_ADVERTISE_CLIENT_URLS', url(self.address, params.client_port)],
    [
      'ETCD_INITIAL_CLUSTER',
      members.map((member) => `${member.name}=${url(member.address, params.peer_port)}`).join(','),
    ],
    ['ETCD_INITIAL_CLUSTER_STATE', 'new'],
    ['ETCD_INITIAL_CLUSTER_TOKEN', params.token ?? `provisioning-${infra.name}`],
    ['ETCD_HEARTBEAT_INTERVAL', params.heartbeat_interval],
    ['ETCD_ELECTION_TIMEOUT', params.election_timeout],
    ['ETCD_SNAPSHOT_COUNT', params.snapshot_count],
    ['ETCD_QUOTA_BACKEND_BYTES', params.quota_backend_bytes],
    ['ETCD_AUTO_COMPACTION_RETENTION', params.auto_compaction_retention],
  ];
  return [
    '# Written by the provisioning taskserv etcd; changes here are overwritten.',
    ...settings.map(([name, value]) => `${name}="${value}"`),
    '',
  ].join('\n');
}

/**
 * etcd from the distribution, one member per server of the infra that runs it: the members and
 * their addresses come from the infra view, so the servers of one apply form one cluster (they
 * start in parallel, and each start waits for a quorum). Membership is set when the cluster
 * forms: a server added later needs `etcdctl member add` first (see the README).
 */
export const etcd = defineTaskserv({
  name: 'etcd',
  version: '0.1.0',
  description:
    "etcd from the distribution: a cluster formed from the infra's servers that run it, data kept on remove.",
  params: etcdParams,
  install: ({ params, ...ctx }) => {
    const infra = requireInfraView(ctx, 'etcd');
    return [
      pkg({ id: ids.package, names: ['etcd-server', 'etcd-client'] }),
      directory({
        id: ids.dataDir,
        path: params.data_dir,
        mode: '0700',
        owner: 'etcd',
        group: 'etcd',
        after: [ids.package],
      }),
      file({
        id: ids.config,
        path: CONFIG,
        content: etcdConfig(params, infra),
        mode: '0644',
        after: [ids.package],
      }),
      service({
        id: ids.service,
        name: 'etcd',
        enabled: true,
        state: 'started',
        restartOn: [ids.config],
        after: [ids.package, ids.dataDir, ids.config],
      }),
    ];
  },
  // Removing the package stops the member; its data stays (as with apt), so a reinstall rejoins
  // with the same identity. Delete the data directory by hand to leave the cluster for good.
  remove: () => [
    pkg({ id: ids.package, names: ['etcd-server', 'etcd-client'], state: 'absent' }),
    absent({ id: 'absent:etcd-config', path: CONFIG, after: [ids.package] }),
  ],
  outputs: { version: { command: "etcd --version | head -1 | cut -d' ' -f3" } },
});
