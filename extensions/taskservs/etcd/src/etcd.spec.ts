import { DefinitionError, type InfraView, TaskservParamsError } from '@provisioning/sdk';
import {
  changedOperationIds,
  danglingReferences,
  operationById,
  resolveOperations,
} from '@provisioning/sdk/testing';
import { etcd, ETCD_OPERATION_IDS as ids } from './etcd';

const member = { name: 'etcd', taskserv: 'etcd' };
const view = (server: string, servers: InfraView['servers']): InfraView => ({
  name: 'prod',
  server,
  servers,
});
const three = [
  { name: 'e1', address: '10.0.0.1', labels: {}, taskservs: [member] },
  { name: 'e2', address: '10.0.0.2', labels: {}, taskservs: [member] },
  { name: 'web', address: '10.0.0.9', labels: {}, taskservs: [{ name: 'nginx', taskserv: 'nginx' }] },
  { name: 'e3', address: 'e3.internal', labels: {}, taskservs: [member] },
];
const resolve = (params: object, infra = view('e1', three), action: 'install' | 'remove' = 'install') =>
  resolveOperations(etcd, params, { infra, action });
const config = (params: object, infra?: InfraView) =>
  Object.fromEntries(
    (operationById(resolve(params, infra), ids.config, 'file').content ?? '')
      .split('\n')
      .filter((line) => line.startsWith('ETCD_'))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );

describe('etcd install', () => {
  it('installs server and client, keeps a data directory of its own, and restarts the member when its config changes', () => {
    const operations = resolve({});
    expect(operations.map((operation) => operation.id)).toEqual([
      ids.package,
      ids.dataDir,
      ids.config,
      ids.service,
    ]);
    expect(operationById(operations, ids.package, 'package').names).toEqual(['etcd-server', 'etcd-client']);
    expect(operationById(operations, ids.dataDir, 'directory')).toMatchObject({
      path: '/var/lib/etcd/cluster',
      mode: '0700',
      owner: 'etcd',
    });
    expect(operationById(operations, ids.service, 'service').restartOn).toEqual([ids.config]);
  });

  it("forms the cluster from the infra's servers running etcd, each under its name at its address", () => {
    expect(config({})).toEqual({
      ETCD_NAME: '"e1"',
      ETCD_DATA_DIR: '"/var/lib/etcd/cluster"',
      ETCD_LISTEN_PEER_URLS: '"http://10.0.0.1:2380"',
      ETCD_LISTEN_CLIENT_URLS: '"http://10.0.0.1:2379,http://127.0.0.1:2379"',
      ETCD_INITIAL_ADVERTISE_PEER_URLS: '"http://10.0.0.1:2380"',
      ETCD_ADVERTISE_CLIENT_URLS: '"http://10.0.0.1:2379"',
      ETCD_INITIAL_CLUSTER: '"e1=http://10.0.0.1:2380,e2=http://10.0.0.2:2380,e3=http://e3.internal:2380"',
      ETCD_INITIAL_CLUSTER_STATE: '"new"',
      ETCD_INITIAL_CLUSTER_TOKEN: '"provisioning-prod"',
      ETCD_HEARTBEAT_INTERVAL: '"100"',
      ETCD_ELECTION_TIMEOUT: '"1000"',
      ETCD_SNAPSHOT_COUNT: '"100000"',
      ETCD_QUOTA_BACKEND_BYTES: '"2147483648"',
      ETCD_AUTO_COMPACTION_RETENTION: '"1"',
    });
  });

  it('listens on every interface on a server known by name (etcd binds IP addresses only), advertising the name', () => {
    const e3 = config({}, view('e3', three));
    expect(e3['ETCD_LISTEN_PEER_URLS']).toBe('"http://0.0.0.0:2380"');
    expect(e3['ETCD_INITIAL_ADVERTISE_PEER_URLS']).toBe('"http://e3.internal:2380"');
  });

  it('refuses a member without an address, and a run without the infra view', () => {
    const pending = three.map((server) =>
      server.name === 'e2' ? { ...server, address: undefined } : server,
    );
    expect(() => resolve({}, view('e1', pending))).toThrow(/server "e2" has no address yet/);
    expect(() => resolveOperations(etcd, {})).toThrow(DefinitionError);
  });
});

describe('etcd remove', () => {
  it('removes the packages and the config, and keeps the data', () => {
    const operations = resolve({}, undefined, 'remove');
    expect(operations.map((operation) => operation.id)).toEqual([ids.package, 'absent:etcd-config']);
    expect(JSON.stringify(operations)).not.toContain('/var/lib/etcd');
  });
});

describe('etcd params', () => {
  it.each([
    ['election_timeout', { heartbeat_interval: 500, election_timeout: 1000 }],
    ['data_dir', { data_dir: 'relative/dir' }],
    ['token', { token: 'has space' }],
    ['auto_compaction_retention', { auto_compaction_retention: '1d' }],
  ])('rejects a bad %s and names it', (field, params) => {
    expect(() => resolve(params)).toThrow(TaskservParamsError);
    expect(() => resolve(params)).toThrow(new RegExp(field));
  });
});

describe('etcd: changing one param changes exactly the expected operations', () => {
  it.each([
    ['heartbeat_interval', { heartbeat_interval: 150 }, [ids.config]],
    ['data_dir', { data_dir: '/srv/etcd' }, [ids.dataDir, ids.config]],
  ])('%s', (_param, change, expected) => {
    expect(changedOperationIds(resolve({}), resolve(change))).toEqual(expected);
  });

  it('every after and restartOn names an earlier operation, install and remove', () => {
    for (const action of ['install', 'remove'] as const)
      expect(danglingReferences(resolve({}, undefined, action))).toEqual([]);
  });
});
