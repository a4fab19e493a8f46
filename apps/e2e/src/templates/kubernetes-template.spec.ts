import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseDocument } from 'yaml';
import { assertCliBuilt, provisioning, type CliRun } from '../support/cli';
import { TEMPLATE_FIRST_HOST } from '../support/env';
import { describeOnTestbed, hostAt } from '../support/on-testbed';
import { recordedPool, rootSpec } from '../support/remote-pool';

const repoRoot = join(__dirname, '../../../..');
const K3S_VERSION = 'v1.32.3+k3s1';

// The kubernetes template as a user gets it from `workspace init`, pointed at three testbed hosts
// and at the k3s stand-in on the artifact server, applied with the built CLI.
describeOnTestbed('the kubernetes workspace template applied on testbed hosts', (testbed) => {
  let workspace: string;
  const cli = (...args: string[]): Promise<CliRun> => provisioning(workspace, args);
  const show = (run: CliRun) => `exit ${run.code}\n${run.stdout}\n${run.stderr}`;
  const hosts = () => [0, 1, 2].map((i) => hostAt(testbed(), TEMPLATE_FIRST_HOST + i));

  beforeAll(async () => {
    assertCliBuilt();
    const inventory = testbed();
    const parent = mkdtempSync(join(tmpdir(), 'e2e-template-'));
    workspace = join(parent, 'k8s');
    const init = await provisioning(parent, [
      'workspace',
      'init',
      'k8s',
      '--template',
      'kubernetes',
      '--infra',
      'main',
    ]);
    expect(show(init)).toMatch(/^exit 0\n/);

    const binary = join(inventory.artifacts.dir, 'k3s', K3S_VERSION, 'k3s');
    mkdirSync(dirname(binary), { recursive: true });
    copyFileSync(join(repoRoot, 'tools/testbed/artifacts/k3s-stand-in/k3s-stand-in'), binary);
    const sha256 = createHash('sha256').update(readFileSync(binary)).digest('hex');

    // The workspace layer of taskserv params points every k3s entry at the stand-in (the template
    // itself downloads the real release); ssh settings use the testbed's key and known_hosts.
    const config = parseDocument(readFileSync(join(workspace, 'provisioning.yaml'), 'utf8'));
    config.setIn(['settings', 'ssh', 'key'], inventory.privateKeyPath);
    config.setIn(['settings', 'ssh', 'known_hosts'], inventory.knownHostsPath);
    config.setIn(['taskserv_params', 'k3s'], {
      version: K3S_VERSION,
      mirror: `${inventory.artifacts.url.replace(/\/$/, '')}/k3s`,
      sha256: { amd64: sha256 },
    });
    writeFileSync(join(workspace, 'provisioning.yaml'), config.toString());

    const [server, agent1, agent2] = hosts();
    const servers = [
      { name: 'k3s-server-1', host: server, role: 'control-plane' },
      { name: 'k3s-agent-1', host: agent1, role: 'worker' },
      { name: 'k3s-agent-2', host: agent2, role: 'worker' },
    ].map(({ name, host, role }) => ({
      name,
      provider: 'static',
      address: host.address,
      port: host.port,
      user: 'root',
      labels: { role },
    }));
    writeFileSync(join(workspace, 'infra/main/servers.yaml'), JSON.stringify({ servers }, null, 2));

    // A reused testbed may still run an earlier k3s: start from the taskservs' own removal.
    for (const entry of ['k3s-agent', 'k3s-server']) {
      const removed = await cli('taskserv', 'remove', entry, '--yes');
      expect(show(removed)).toMatch(/^exit 0\n/);
    }
  }, 300_000);
  afterAll(() => workspace && rmSync(dirname(workspace), { recursive: true, force: true }));

  it('validates as rendered, with only the addresses and the artifact mirror changed', async () => {
    expect(show(await cli('validate'))).toMatch(/^exit 0\n/);
  });

  it('applies base and the k3s server before the agents, which join the server with its token', async () => {
    const applied = await cli('apply', '--yes', '--output', 'json');
    expect(show(applied)).toMatch(/^exit 0\n/);
    const result = JSON.parse(applied.stdout) as {
      status: string;
      hosts: Array<{ host: string; status: string }>;
    };
    expect(result.hosts.map((h) => [h.host, h.status])).toEqual([
      ['k3s-server-1', 'ok'],
      ['k3s-agent-1', 'ok'],
      ['k3s-agent-2', 'ok'],
    ]);
    const { pool } = recordedPool([rootSpec(testbed(), hosts()[0])]);
    try {
      const nodes = await pool.exec(hosts()[0].name, 'k3s kubectl get nodes', { timeoutMs: 30_000 });
      expect(nodes.code).toBe(0);
      expect(nodes.stdout.split('\n').filter((line) => /\bReady\b/.test(line))).toHaveLength(3);
    } finally {
      await pool.close();
    }
  });

  it('has nothing left to change afterwards (plan exits 0)', async () => {
    const planned = await cli('plan', '--output', 'json');
    expect(show(planned)).toMatch(/^exit 0\n/);
    expect(JSON.parse(planned.stdout).changes).toBe(0);
  });
});
