import { createSecretStore, validateWorkspace } from '@provisioning/config';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SUDO_PASSWORD, SUDO_USER } from './base-image';
import { sampleState } from './test-fixtures';
import { buildInventory, inventoryYaml, knownHostsText, readInventory } from './inventory';

describe('buildInventory', () => {
  it('lists hosts in index order with the root user, port 22, their host keys and the client key', () => {
    const inventory = buildInventory(sampleState());
    const access = {
      privateKey: '/var/lib/provisioning-testbed/ptb/id_ed25519',
      knownHosts: '/var/lib/provisioning-testbed/ptb/known_hosts',
    };
    expect(inventory.hosts).toEqual([
      {
        name: 'ptb-h1',
        address: '10.147.0.11',
        port: 22,
        user: 'root',
        hostKey: 'ssh-ed25519 AAAAkey1',
        ...access,
      },
      {
        name: 'ptb-h2',
        address: '10.147.0.12',
        port: 22,
        user: 'root',
        hostKey: 'ssh-ed25519 AAAAkey2',
        ...access,
      },
    ]);
  });

  it('carries the key, known_hosts, sudo account and artifact server a test needs', () => {
    const inventory = buildInventory(sampleState());
    expect(inventory.privateKeyPath).toBe('/var/lib/provisioning-testbed/ptb/id_ed25519');
    expect(inventory.knownHostsPath).toBe('/var/lib/provisioning-testbed/ptb/known_hosts');
    expect(inventory.sudoUser).toEqual({ name: SUDO_USER, password: SUDO_PASSWORD });
    expect(inventory.artifacts).toEqual({
      url: 'http://10.147.0.1:8080/',
      dir: '/var/lib/provisioning-testbed/ptb/artifacts',
    });
    expect(inventory.gateway).toBe('10.147.0.1');
  });
});

describe('inventoryYaml', () => {
  it('renders the servers with their key and labels, and strict checking against the known_hosts', () => {
    const document = parse(inventoryYaml(buildInventory(sampleState())));
    expect(document.servers).toHaveLength(2);
    expect(document.servers[0]).toEqual({
      name: 'ptb-h1',
      address: '10.147.0.11',
      port: 22,
      user: 'root',
      ssh_key: '/var/lib/provisioning-testbed/ptb/id_ed25519',
      labels: { testbed: 'ptb' },
    });
    expect(document.settings).toEqual({
      ssh: { known_hosts: '/var/lib/provisioning-testbed/ptb/known_hosts', strict_host_key_checking: 'yes' },
    });
  });

  it('is an infra file that libs/config accepts in a workspace', () => {
    const root = mkdtempSync(join(tmpdir(), 'testbed-workspace-'));
    try {
      writeFileSync(join(root, 'provisioning.yaml'), 'name: testbed\ndefault_infra: testbed\n');
      mkdirSync(join(root, 'infra', 'testbed'), { recursive: true });
      writeFileSync(
        join(root, 'infra', 'testbed', 'servers.yaml'),
        inventoryYaml(buildInventory(sampleState())),
      );
      const report = validateWorkspace(root, { env: {}, secrets: createSecretStore({ env: {}, files: [] }) });
      expect(report.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
      expect(report.workspace?.infras['testbed']?.servers.map((server) => server.name)).toEqual([
        'ptb-h1',
        'ptb-h2',
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('knownHostsText', () => {
  it('writes one "address keytype key" line per host', () => {
    expect(knownHostsText(buildInventory(sampleState()).hosts)).toBe(
      '10.147.0.11 ssh-ed25519 AAAAkey1\n10.147.0.12 ssh-ed25519 AAAAkey2\n',
    );
  });
});

describe('readInventory', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'testbed-inventory-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('returns the inventory up wrote', () => {
    writeFileSync(join(dir, 'inventory.json'), JSON.stringify(buildInventory(sampleState())));
    expect(readInventory(dir).hosts.map((host) => host.name)).toEqual(['ptb-h1', 'ptb-h2']);
  });

  it('says the testbed is down and how to bring it up when there is no inventory', () => {
    expect(() => readInventory(dir)).toThrow(/testbed is down; run `npx nx run testbed:up --hosts 3`/);
  });
});
