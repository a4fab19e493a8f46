import { openInfra } from '@provisioning/engine';
import { defineTaskserv, file } from '@provisioning/sdk';
import { execInHost, testbedSettings, type Inventory } from '@provisioning/testbed';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describeOnTestbed, hostAt } from '../support/on-testbed';

const PATH = '/etc/provisioning-e2e-jump-chain.conf';

const marker = defineTaskserv({
  name: 'jump-chain-probe',
  version: '1.0.0',
  install: () => [file({ path: PATH, content: 'reached through two hops\n', mode: '0644' })],
});

type Host = Inventory['hosts'][number];

/** A workspace where `target` is reached through `middle`, which is reached through `bastion`. */
function writeWorkspace(inventory: Inventory, [bastion, middle, target]: Host[], knownHosts: string): string {
  const root = mkdtempSync(join(tmpdir(), 'e2e-jump-chain-'));
  writeFileSync(join(root, 'provisioning.yaml'), 'name: e2e\ndefault_infra: chain\n');
  mkdirSync(join(root, 'infra', 'chain'), { recursive: true });
  const server = (host: Host, jump?: string) => ({
    name: host.name,
    address: host.address,
    port: host.port,
    user: host.user,
    ssh_key: inventory.privateKeyPath,
    ...(jump ? { jump_host: jump } : {}),
  });
  writeFileSync(
    join(root, 'infra', 'chain', 'servers.yaml'),
    stringify({
      servers: [server(bastion), server(middle, bastion.name), server(target, middle.name)],
      settings: { ssh: { known_hosts: knownHosts, strict_host_key_checking: 'yes' } },
    }),
  );
  writeFileSync(
    join(root, 'infra', 'chain', 'taskservs.yaml'),
    `taskservs:\n  - { name: jump-chain-probe, servers: [${target.name}] }\n`,
  );
  return root;
}

// A jump chain in the workspace (a server whose jump host has its own jump host) is followed hop by
// hop by the engine, each hop's host key checked against known_hosts.
describeOnTestbed('engine API: a two-hop jump chain reaches the last host, every hop verified', (testbed) => {
  let hosts: Host[];
  const workspaces: string[] = [];

  beforeAll(() => {
    hosts = [1, 2, 3].map((index) => hostAt(testbed(), index));
  });
  afterAll(async () => {
    await execInHost(testbedSettings(), hosts[2].name, `rm -f ${PATH}`).catch(() => undefined);
    for (const root of workspaces) rmSync(root, { recursive: true, force: true });
  });

  it('plans and applies on the last host, and its sshd sees the connection come from the middle hop', async () => {
    const workspace = writeWorkspace(testbed(), hosts, testbed().knownHostsPath);
    workspaces.push(workspace);
    const infra = await openInfra({ workspace, taskservs: [marker] });
    try {
      const seen = await infra.runCommand('echo "$SSH_CONNECTION"', { servers: [hosts[2].name] });
      expect(seen.hosts[0]).toMatchObject({ host: hosts[2].name, code: 0 });
      // SSH_CONNECTION is "client-ip client-port server-ip server-port": the client is the middle hop.
      expect(seen.hosts[0].stdout.trim().split(' ')[0]).toBe(hosts[1].address);

      const plan = await infra.plan();
      expect(plan.hosts.map((host) => [host.host, host.changes])).toEqual([[hosts[2].name, 1]]);
      const applied = await infra.apply(plan);
      expect(applied.hosts.map((host) => [host.host, host.status])).toEqual([[hosts[2].name, 'ok']]);
      expect((await execInHost(testbedSettings(), hosts[2].name, `cat ${PATH}`)).stdout).toBe(
        'reached through two hops\n',
      );
    } finally {
      await infra.close();
    }
  });

  it('refuses the chain when the middle hop presents a key known_hosts does not list for it, naming that hop', async () => {
    // known_hosts where the middle hop's address carries another host's key.
    const lines = readFileSync(testbed().knownHostsPath, 'utf8').split('\n');
    const keyOf = (host: Host) =>
      lines
        .find((line) => line.startsWith(`${host.address} `))
        ?.split(' ')
        .slice(1);
    const foreignKey = keyOf(hosts[0]);
    expect(foreignKey).toBeDefined();
    const forged = lines
      .map((line) =>
        line.startsWith(`${hosts[1].address} `) ? [hosts[1].address, ...foreignKey!].join(' ') : line,
      )
      .join('\n');
    const dir = mkdtempSync(join(tmpdir(), 'e2e-jump-forged-'));
    workspaces.push(dir);
    const forgedPath = join(dir, 'known_hosts');
    writeFileSync(forgedPath, forged);
    const workspace = writeWorkspace(testbed(), hosts, forgedPath);
    workspaces.push(workspace);

    const infra = await openInfra({ workspace, taskservs: [marker] });
    try {
      const result = await infra.runCommand('true', { servers: [hosts[2].name] });
      const [host] = result.hosts;
      expect(host.code).toBeNull();
      expect(host.error?.message).toContain(hosts[1].name);
      expect(host.error?.message).toMatch(/host key/i);
    } finally {
      await infra.close();
    }
  });
});
