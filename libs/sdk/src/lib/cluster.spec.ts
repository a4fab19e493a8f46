import { z } from 'zod';
import { checkClusterRoles, ClusterParamsError, defineCluster, parseClusterParams } from './cluster';

const kube = defineCluster({
  name: 'kube',
  version: '1.0.0',
  params: z.object({ version: z.string().default('1.0') }),
  roles: [
    {
      name: 'server',
      counts: [1, 3],
      taskservs: ({ params }) => [{ taskserv: 'kube', params: { role: 'server', version: params.version } }],
    },
    {
      name: 'agent',
      optional: true,
      taskservs: () => [{ taskserv: 'kube', params: { role: 'agent' } }],
      drain: { on: 'server', command: 'drain {{server}}' },
    },
  ],
  health: [{ name: 'nodes', role: 'server', command: 'true' }],
});

describe('defineCluster', () => {
  it('fills health and outputs and keeps the roles in their order', () => {
    expect(kube.outputs).toEqual({});
    expect(kube.roles.map((role) => role.name)).toEqual(['server', 'agent']);
    expect(
      kube.roles[0].taskservs({
        params: parseClusterParams(kube, {}, 'c'),
        cluster: 'c',
        servers: { server: ['a'] },
        server: 'a',
        index: 0,
        addresses: { a: '10.0.0.2' },
      }),
    ).toEqual([{ taskserv: 'kube', params: { role: 'server', version: '1.0' } }]);
  });

  it('rejects checks, outputs and drains that point at roles that do not exist, and duplicate roles', () => {
    expect(() =>
      defineCluster({
        name: 'bad',
        version: '1.0.0',
        params: z.object({}),
        roles: [
          { name: 'a', taskservs: () => [], drain: { on: 'nowhere', command: 'x' } },
          { name: 'a', taskservs: () => [] },
        ],
        health: [{ name: 'h', role: 'b', command: 'true' }],
        outputs: { o: { role: 'c', command: 'true' } },
      }),
    ).toThrow(
      /drain runs on unknown role "nowhere"[\s\S]*role "a" is declared twice[\s\S]*health check "h" runs on unknown role "b"[\s\S]*output "o" is read on unknown role "c"/,
    );
  });
});

describe('checkClusterRoles', () => {
  it('accepts one or three servers and no agents', () => {
    expect(() => checkClusterRoles(kube, 'c', { server: ['a'] })).not.toThrow();
    expect(() => checkClusterRoles(kube, 'c', { server: ['a', 'b', 'c'], agent: ['d'] })).not.toThrow();
  });

  it('refuses two servers, a missing required role and an unknown role, naming each', () => {
    expect(() => checkClusterRoles(kube, 'c', { server: ['a', 'b'] })).toThrow(
      /role "server" has 2 servers; kube allows 1 or 3/,
    );
    const missing = () => checkClusterRoles(kube, 'c', { workers: ['a'] });
    expect(missing).toThrow(ClusterParamsError);
    expect(missing).toThrow(
      /role "server" needs at least one server[\s\S]*role "workers" is not a role of kube \(server, agent\)/,
    );
  });
});
