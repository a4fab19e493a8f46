import { checkClusterRoles, parseClusterParams } from '@provisioning/sdk';
import { execFileSync } from 'node:child_process';
import { k3sCluster, nodesReadyCommand } from './k3s-cluster';

const params = parseClusterParams(k3sCluster, { version: 'v1.32.3+k3s1' }, 'k8s');
const ctx = (servers: Record<string, string[]>, server: string, index: number) => ({
  params,
  cluster: 'k8s',
  servers,
  server,
  index,
  addresses: { 'cp-1': '10.0.0.11', 'cp-2': '10.0.0.12', 'cp-3': '10.0.0.13' },
});
const [serverRole, agentRole] = k3sCluster.roles;

describe('k3s-cluster roles', () => {
  it('one server: k3s server with no join and no --cluster-init', () => {
    expect(serverRole.taskservs(ctx({ server: ['cp-1'] }, 'cp-1', 0))).toEqual([
      { taskserv: 'k3s', params: { role: 'server', version: 'v1.32.3+k3s1', extra_args: [] } },
    ]);
  });

  it('three servers: the first starts embedded etcd, the others join it at its address', () => {
    const servers = { server: ['cp-1', 'cp-2', 'cp-3'] };
    expect(serverRole.taskservs(ctx(servers, 'cp-1', 0))[0].params).toMatchObject({
      extra_args: ['--cluster-init'],
    });
    expect(serverRole.taskservs(ctx(servers, 'cp-3', 2))[0].params).toEqual({
      role: 'server',
      version: 'v1.32.3+k3s1',
      server_url: 'https://10.0.0.11:6443',
      extra_args: [],
    });
  });

  it('agents join with the release and their own flags', () => {
    const custom = parseClusterParams(
      k3sCluster,
      { agent_args: ['--node-label=tier=web'], mirror: 'http://10.0.0.1:8080/k3s' },
      'k8s',
    );
    expect(agentRole.taskservs({ ...ctx({}, 'a-1', 0), params: custom })).toEqual([
      {
        taskserv: 'k3s',
        params: {
          role: 'agent',
          version: 'v1.32.3+k3s1',
          mirror: 'http://10.0.0.1:8080/k3s',
          extra_args: ['--node-label=tier=web'],
        },
      },
    ]);
  });

  it('allows one or three servers, and any number of agents including none', () => {
    expect(() => checkClusterRoles(k3sCluster, 'k8s', { server: ['a'] })).not.toThrow();
    expect(() => checkClusterRoles(k3sCluster, 'k8s', { server: ['a', 'b'], agent: ['c'] })).toThrow(
      'role "server" has 2 servers; k3s-cluster allows 1 or 3',
    );
  });

  it('refuses a flag with a space in it, naming the field', () => {
    expect(() => parseClusterParams(k3sCluster, { server_args: ['--node-label a'] }, 'k8s')).toThrow(
      /server_args\.0: must be one flag/,
    );
  });
});

describe('k3s-cluster health', () => {
  // The check itself, run by bash against a kubectl stand-in that prints a node table.
  const run = (table: string, nodes: string[]) => {
    const script = `k3s() { printf '%s' "$TABLE"; }; ${nodesReadyCommand(nodes)}`;
    try {
      execFileSync('bash', ['--norc', '--noprofile', '-c', script], {
        stdio: 'pipe',
        env: { ...process.env, TABLE: table },
      });
      return 'healthy';
    } catch (error) {
      return String((error as { stderr: Buffer }).stderr).trim();
    }
  };

  it('is healthy when every server and agent is a Ready node', () => {
    expect(run('cp-1 Ready control-plane 1m v1\na-1 Ready <none> 1m v1\n', ['cp-1', 'a-1'])).toBe('healthy');
  });

  it('names the node that is missing or NotReady', () => {
    expect(run('cp-1 Ready control-plane 1m v1\na-1 NotReady <none> 1m v1\n', ['cp-1', 'a-1'])).toBe(
      'node a-1 is not Ready',
    );
    expect(run('cp-1 Ready control-plane 1m v1\n', ['cp-1', 'a-2'])).toBe('node a-2 is not Ready');
  });
});
