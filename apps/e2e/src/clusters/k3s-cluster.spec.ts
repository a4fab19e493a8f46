import { baseDir, baseIsBuilt, REPO_MOUNT, testbedSettings } from '@provisioning/testbed';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertCliBuilt, provisioning } from '../support/cli';
import { leftovers, linkExists, machinesLeft } from '../support/nspawn-leftovers';
import { describeOnTestbed } from '../support/on-testbed';

const WORKSPACE_ROOT = join(__dirname, '..', '..', '..', '..');
/** The k3s STAND-IN (not Kubernetes): writes the token and a kubeconfig, lists the agents that joined. */
const K3S_STAND_IN = join(WORKSPACE_ROOT, 'tools/testbed/artifacts/k3s-stand-in/k3s-stand-in');
const BRIDGE = 'pnspc-br0';
const GATEWAY = '10.161.1.1';
const VERSION = 'v1.32.3+k3s1';

interface ServerListRow {
  name: string;
  state?: { recorded?: string; providerStatus?: string; providerId?: string; drift?: string };
}

// From nothing to a k3s cluster (with the k3s stand-in) on three nspawn servers in one command,
// an agent added by editing the role, then nothing left after cluster delete and server delete.
describeOnTestbed('k3s-cluster on nspawn servers, through the provisioning binary', () => {
  let ws: string;
  let stateDir: string;
  let http: Server;
  let port: number;
  const cli = (...args: string[]) => provisioning(ws, args);
  const infraYaml = (agents: string[]) => {
    const base = baseDir(testbedSettings().cacheDir);
    const options = `{ bridge: ${BRIDGE}, subnet: 10.161.1.0/24, state_dir: ${stateDir}, rootfs: ${join(base, 'rootfs')}, bind_ro: ["${join(base, 'repo')}:${REPO_MOUNT}"] }`;
    const sha = createHash('sha256').update(readFileSync(K3S_STAND_IN)).digest('hex');
    return [
      'servers:',
      ...['cp-1', ...agents].map(
        (name) => `  - { name: ${name}, provider: nspawn, provider_options: ${options} }`,
      ),
      'clusters:',
      '  - name: k8s',
      '    cluster: k3s-cluster',
      `    params: { version: ${VERSION}, mirror: "http://${GATEWAY}:${port}/k3s", sha256: { amd64: ${sha} }, health_timeout: 120 }`,
      '    roles:',
      '      server: { servers: [cp-1] }',
      `      agent: { servers: [${agents.join(', ')}] }`,
      '',
    ].join('\n');
  };
  const listServers = async (): Promise<ServerListRow[]> =>
    JSON.parse((await cli('server', 'list', '--output', 'json')).stdout).servers;

  beforeAll(async () => {
    assertCliBuilt();
    const base = baseDir(testbedSettings().cacheDir);
    if (!baseIsBuilt(base))
      throw new Error(`the testbed base ${base} is not built; run the e2e suite (it builds it)`);
    ws = mkdtempSync(join(tmpdir(), 'e2e-k3s-cluster-'));
    stateDir = join(ws, 'nspawn-state');
    mkdirSync(join(ws, 'infra/dev'), { recursive: true });
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(ws, 'id')]);
    writeFileSync(
      join(ws, 'provisioning.yaml'),
      'name: e2e\ndefault_infra: dev\nsettings:\n  ssh:\n    key: id\n    agent: false\n',
    );
    // The test owns the bridge (so the stand-in can be served on it before any host exists);
    // the provider must leave a bridge it did not create alone.
    execFileSync('ip', ['link', 'add', 'name', BRIDGE, 'type', 'bridge']);
    execFileSync('ip', ['addr', 'add', `${GATEWAY}/24`, 'dev', BRIDGE]);
    execFileSync('ip', ['link', 'set', BRIDGE, 'up']);
    const standIn = readFileSync(K3S_STAND_IN);
    http = createServer((request, response) => {
      if (request.url === `/k3s/${encodeURIComponent(VERSION)}/k3s` || request.url === `/k3s/${VERSION}/k3s`)
        response.end(standIn);
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => http.listen(0, GATEWAY, resolve));
    port = (http.address() as { port: number }).port;
  });

  afterAll(async () => {
    // best effort if a test failed half-way: delete what is recorded, then the bridge
    if (ws && existsSync(join(ws, '.provisioning'))) {
      const names = (await listServers().catch(() => []))
        .filter((row) => row.state?.recorded)
        .map((row) => row.name);
      if (names.length) await cli('server', 'delete', ...names, '--yes');
    }
    http?.close();
    if (linkExists(BRIDGE)) execFileSync('ip', ['link', 'delete', BRIDGE, 'type', 'bridge']);
    rmSync(ws, { recursive: true, force: true });
  });

  it('creates three servers and the cluster from nothing with one command, healthy, with its outputs', async () => {
    writeFileSync(join(ws, 'infra/dev/main.yaml'), infraYaml(['w-1', 'w-2']));
    const created = await cli('cluster', 'create', 'k8s', '--yes', '--output', 'json');
    expect(created.stderr).not.toMatch(/^error:/m);
    expect(created.code).toBe(0);
    const result = JSON.parse(created.stdout);
    expect(
      result.servers.servers.map(
        (server: { name: string; status: string }) => `${server.name}:${server.status}`,
      ),
    ).toEqual(['cp-1:created', 'w-1:created', 'w-2:created']);
    expect(result.health).toEqual([
      expect.objectContaining({ name: 'nodes-ready', server: 'cp-1', healthy: true }),
    ]);
    const endpoint = result.outputs.find((output: { name: string }) => output.name === 'endpoint');
    expect(endpoint.value).toMatch(/^https:\/\/10\.161\.1\.\d+:6443$/);
    const kubeconfig = readFileSync(join(ws, '.provisioning/clusters/k8s/kubeconfig'), 'utf8');
    expect(kubeconfig).toContain('# k3s stand-in kubeconfig');
    expect(kubeconfig).toContain(`server: ${endpoint.value}\n`);

    const status = await cli('cluster', 'status', 'k8s', '--output', 'json');
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      healthy: true,
      roles: [
        { name: 'server', servers: [{ name: 'cp-1', created: true, member: true }] },
        { name: 'agent' },
      ],
    });
  }, 600_000);

  it('adds an agent when the role gets one more server, and only that one changes', async () => {
    writeFileSync(join(ws, 'infra/dev/main.yaml'), infraYaml(['w-1', 'w-2', 'w-3']));
    const plan = await cli('cluster', 'create', 'k8s', '--check', '--output', 'json');
    expect(JSON.parse(plan.stdout)).toMatchObject({
      create: [{ name: 'w-3', action: 'create' }],
      roles: [
        { name: 'server', joining: [] },
        { name: 'agent', joining: ['w-3'], leaving: [] },
      ],
    });
    const grown = await cli('cluster', 'create', 'k8s', '--yes', '--output', 'json');
    expect(grown.code).toBe(0);
    const result = JSON.parse(grown.stdout);
    expect(result.servers.servers.map((server: { name: string }) => server.name)).toEqual(['w-3']);
    const changedHosts = result.run.hosts
      .filter((host: { changed: number }) => host.changed > 0)
      .map((host: { host: string }) => host.host);
    expect(changedHosts).toEqual(['w-3']);
    expect(result.healthy).toBe(true);
    expect((await listServers()).map((row) => `${row.name}:${row.state?.providerStatus}`)).toEqual([
      'cp-1:running',
      'w-1:running',
      'w-2:running',
      'w-3:running',
    ]);
  }, 600_000);

  it('cluster delete then server delete leave no overlay, veth, cgroup, record, host key or output behind', async () => {
    const ids = (await listServers()).map((row) => row.state?.providerId as string);
    expect(ids.every((id) => /^n[0-9a-f]{10}$/.test(id))).toBe(true);

    const removed = await cli('cluster', 'delete', 'k8s', '--yes', '--output', 'json');
    expect(removed.code).toBe(0);
    expect(JSON.parse(removed.stdout).servers.sort()).toEqual(['cp-1', 'w-1', 'w-2', 'w-3']);
    expect(existsSync(join(ws, '.provisioning/clusters/k8s'))).toBe(false);

    const deleted = await cli('server', 'delete', 'cp-1', 'w-1', 'w-2', 'w-3', '--yes', '--output', 'json');
    expect(deleted.code).toBe(0);
    expect(JSON.parse(deleted.stdout)).toMatchObject({ deleted: 4, failed: 0 });

    for (const id of ids) expect(leftovers(id, stateDir)).toEqual([]);
    expect(machinesLeft(stateDir)).toEqual([]);
    expect((await listServers()).map((row) => row.state?.drift)).toEqual([
      'not-created',
      'not-created',
      'not-created',
      'not-created',
    ]);
    expect(readFileSync(join(ws, '.provisioning/known_hosts'), 'utf8')).toBe('');
    const drift = await cli('server', 'list', '--drift', '--output', 'json');
    expect(JSON.parse(drift.stdout).servers).toHaveLength(4);
    expect(linkExists(BRIDGE)).toBe(true); // the test's own bridge, left alone
  }, 600_000);
});
