import { standInArtifacts, writeStandInArtifacts } from '@provisioning/distribution/testing';
import { inventoryFiles } from '@provisioning/testbed';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertCliBuilt, provisioning, type CliRun } from '../support/cli';
import { INSTALL_HOST } from '../support/env';
import { describeOnTestbed, hostAt } from '../support/on-testbed';
import { recordedPool, rootSpec } from '../support/remote-pool';

// Facts, discovery and tool installs through the built CLI against the testbed's hosts. The scan
// covers only the testbed's own /24 (its bridge); installs use stand-in artifacts (tiny scripts
// with their real sha256) served by the testbed's artifact server.
describeOnTestbed('provisioning CLI: server facts, scan, install on testbed hosts', (testbed) => {
  let workspace: string;
  let catalog: string;
  let target: string;
  const cli = (...args: string[]): Promise<CliRun> => provisioning(workspace, args);
  const describeRun = (run: CliRun): string => `exit ${run.code}\n${run.stdout}\n${run.stderr}`;
  const onTarget = async (command: string) => {
    const { pool } = recordedPool([rootSpec(testbed(), hostAt(testbed(), INSTALL_HOST))]);
    try {
      return await pool.exec(target, command);
    } finally {
      await pool.close();
    }
  };

  beforeAll(async () => {
    assertCliBuilt();
    target = hostAt(testbed(), INSTALL_HOST).name;
    workspace = mkdtempSync(join(tmpdir(), 'e2e-installers-'));
    writeFileSync(
      join(workspace, 'provisioning.yaml'),
      `name: e2e\ndefault_infra: testbed\nsettings:\n  ssh:\n    user: root\n    key: ${testbed().privateKeyPath}\n`,
    );
    mkdirSync(join(workspace, 'infra', 'testbed'), { recursive: true });
    copyFileSync(inventoryFiles().yaml, join(workspace, 'infra', 'testbed', 'servers.yaml'));
    const artifacts = standInArtifacts();
    writeStandInArtifacts(testbed().artifacts.dir, artifacts);
    catalog = join(workspace, 'tools.yaml');
    writeFileSync(catalog, artifacts.catalogFor(testbed().artifacts.url.replace(/\/$/, '')));
    await onTarget('rm -rf /opt/provisioning/tools /usr/local/bin/standin /usr/local/bin/standin-tgz');
  });
  afterAll(() => rmSync(workspace, { recursive: true, force: true }));

  it('reports the facts of every server, each with its own address', async () => {
    const run = await cli('server', 'facts', '--output', 'json');
    expect(describeRun(run)).toMatch(/^exit 0\n/);
    const { hosts } = JSON.parse(run.stdout);
    expect(hosts).toHaveLength(testbed().hosts.length);
    for (const host of testbed().hosts) {
      const facts = hosts.find((entry: { host: string }) => entry.host === host.name).facts;
      expect(facts.os).toMatchObject({ id: 'debian', version: '12' });
      expect(facts.hostname).toBe(host.name);
      expect(facts.addresses.map((address: { address: string }) => address.address)).toContain(host.address);
      expect(facts.memory.totalBytes).toBeGreaterThan(0);
    }
  });

  it('finds every host of the testbed subnet with the host key the testbed generated, and adds them to a new infra', async () => {
    const run = await cli(
      'scan',
      '--cidr',
      testbed().subnet,
      // generous: on a loaded machine (load 50 here) a key exchange can take seconds
      '--timeout',
      '15000',
      '--add-to',
      'found',
      '--name-prefix',
      'found',
      '--yes',
      '--output',
      'json',
    );
    expect(describeRun(run)).toMatch(/^exit 0\n/);
    const result = JSON.parse(run.stdout);
    for (const host of testbed().hosts) {
      const found = result.found.find((entry: { address: string }) => entry.address === host.address);
      expect(found?.hostKey.base64).toBe(host.hostKey.split(' ')[1]);
      expect(found?.banner).toMatch(/^SSH-2\.0-OpenSSH_/);
    }
    expect(result.added).toHaveLength(testbed().hosts.length);
  });

  it('connects to the added hosts with only the keys the scan recorded', async () => {
    const run = await cli('server', 'facts', '--infra', 'found', '--output', 'json');
    expect(describeRun(run)).toMatch(/^exit 0\n/);
    expect(
      JSON.parse(run.stdout)
        .hosts.map((entry: { facts: { hostname: string } }) => entry.facts.hostname)
        .sort(),
    ).toEqual(
      testbed()
        .hosts.map((host) => host.name)
        .sort(),
    );
  });

  it('installs a tool on a server from the artifact server, linked in /usr/local/bin', async () => {
    const run = await cli(
      'install',
      'standin@1.0.0',
      'standin-tgz',
      '--servers',
      target,
      '--catalog',
      catalog,
      '--yes',
    );
    expect(describeRun(run)).toMatch(/^exit 0\n/);
    expect((await onTarget('standin --version; standin-tgz --version')).stdout).toBe(
      'standin version v1.0.0\nstandin-tgz version v1.0.0\n',
    );
    expect((await onTarget('readlink /usr/local/bin/standin')).stdout).toBe(
      '/opt/provisioning/tools/standin/1.0.0/standin\n',
    );
  });

  it('plans no change for the same install (exit 0 with --check)', async () => {
    const run = await cli('install', 'standin@1.0.0', '--servers', target, '--catalog', catalog, '--check');
    expect(describeRun(run)).toMatch(/^exit 0\n/);
  });

  it('keeps the installed version when the new one fails verification on the host', async () => {
    const run = await cli('install', 'standin@2.1.0', '--servers', target, '--catalog', catalog, '--yes');
    expect(describeRun(run)).toMatch(/^exit 1\n/);
    expect(run.stdout + run.stderr).toContain('standin 2.1.0 failed verification');
    expect((await onTarget('standin --version')).stdout).toBe('standin version v1.0.0\n');
  });

  it('lists what each server has installed', async () => {
    const run = await cli('install', 'list', '--servers', target, '--catalog', catalog, '--output', 'json');
    expect(describeRun(run)).toMatch(/^exit 0\n/);
    expect(JSON.parse(run.stdout).hosts[0].tools).toEqual([
      { name: 'standin', active: '1.0.0', versions: ['1.0.0', '2.1.0'] },
      { name: 'standin-tgz', active: '1.0.0', versions: ['1.0.0'] },
    ]);
  });

  it('uninstalls from the server', async () => {
    const run = await cli(
      'install',
      '--uninstall',
      'standin',
      'standin-tgz',
      '--servers',
      target,
      '--catalog',
      catalog,
      '--yes',
    );
    expect(describeRun(run)).toMatch(/^exit 0\n/);
    expect((await onTarget('ls /usr/local/bin; ls /opt/provisioning/tools')).stdout).toBe('');
  });

  it('applies rpi-node and rpi-network to a running host as far as a non-Pi Debian host allows (files; no NetworkManager here)', async () => {
    writeFileSync(
      join(workspace, 'infra', 'testbed', 'boards.yaml'),
      [
        'taskservs:',
        `  - { name: rpi-node, servers: [${target}], params: { hostname: ${target}, config_txt: { gpu_mem: '16' } } }`,
        `  - { name: rpi-network, servers: [${target}], params: { address: 10.162.0.99/24, gateway: 10.162.0.1, dns: [10.162.0.1] } }`,
        '',
      ].join('\n'),
    );
    const run = await cli('apply', '--servers', target, '--yes');
    expect(describeRun(run)).toMatch(/^exit 0\n/);
    const files = await onTarget(
      'cat /boot/firmware/config.txt /etc/ssh/sshd_config.d/50-provisioning.conf; stat -c %a /etc/NetworkManager/system-connections/provisioning-eth0.nmconnection; grep address1 /etc/NetworkManager/system-connections/provisioning-eth0.nmconnection',
    );
    expect(files.stdout).toBe(
      'gpu_mem=16\n# Written by the rpi-node taskserv: key login only.\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n600\naddress1=10.162.0.99/24,10.162.0.1\n',
    );
    const again = await cli('plan', '--servers', target);
    expect(describeRun(again)).toMatch(/^exit 0\n/);
    await onTarget(
      'rm -rf /boot/firmware /etc/ssh/sshd_config.d/50-provisioning.conf /etc/NetworkManager && systemctl restart ssh',
    );
  });
});
