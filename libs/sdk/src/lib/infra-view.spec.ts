import { requireInfraView, serverAddress, serversRunning } from './infra-view';
import { DefinitionError } from './operations/errors';
import type { HostFacts, InfraView } from './taskserv';

const host: HostFacts = {
  hostname: 'mon',
  osFamily: 'debian',
  osId: 'debian',
  osVersion: '12',
  arch: 'x86_64',
};
const infra: InfraView = {
  name: 'prod',
  server: 'mon',
  servers: [
    { name: 'mon', address: '10.0.0.1', labels: {}, taskservs: [{ name: 'prom', taskserv: 'prometheus' }] },
    {
      name: 'web-1',
      address: '10.0.0.2',
      labels: {},
      taskservs: [{ name: 'exporter', taskserv: 'node-exporter' }],
    },
    { name: 'new', labels: {}, taskservs: [{ name: 'exporter', taskserv: 'node-exporter' }] },
  ],
};

describe('the infra view helpers', () => {
  it('finds the servers that run a task service by its extension name, whatever the entry is called', () => {
    expect(serversRunning(infra, 'node-exporter').map((server) => server.name)).toEqual(['web-1', 'new']);
    expect(serversRunning(infra, 'etcd')).toEqual([]);
  });

  it("gives a server's address, and names the infra's servers when the one asked for is not there", () => {
    expect(serverAddress(infra, 'web-1', 'postgresql')).toBe('10.0.0.2');
    expect(() => serverAddress(infra, 'db-1', 'postgresql')).toThrow(
      /infra "prod" has no server "db-1"[\s\S]*servers: mon, web-1, new/,
    );
    expect(() => serverAddress(infra, 'new', 'postgresql')).toThrow(/"new" has no address yet/);
  });

  it('refuses a context without the view, saying who must pass it', () => {
    expect(requireInfraView({ host, infra }, 'etcd')).toBe(infra);
    expect(() => requireInfraView({ host }, 'etcd')).toThrow(DefinitionError);
    expect(() => requireInfraView({ host }, 'etcd')).toThrow(
      /taskserv etcd on mon: needs the infra's servers/,
    );
  });
});
