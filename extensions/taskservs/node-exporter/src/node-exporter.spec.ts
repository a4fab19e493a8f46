import { TaskservParamsError } from '@provisioning/sdk';
import { nodeExporter, UNIT_PATH } from './node-exporter';
import {
  changedOperationIds,
  danglingReferences,
  operationById,
  resolveOperations,
} from '@provisioning/sdk/testing';
import { KNOWN_RELEASES } from './release';

const FAKE_SHA = 'a'.repeat(64);

describe('node-exporter install', () => {
  it('downloads, unpacks and links the release, with a system user, a unit file and a running service', () => {
    expect(resolveOperations(nodeExporter, {}).map((operation) => operation.id)).toEqual([
      'package:curl',
      'group:node_exporter',
      'user:node_exporter',
      'directory:node-exporter',
      'file:node-exporter-unit',
      'download:node-exporter',
      'shell:extract-node-exporter',
      'link:node-exporter',
      'service:node_exporter',
    ]);
  });

  it('fetches the GitHub release tarball for the host architecture, checked against the release sha256', () => {
    expect(
      operationById(resolveOperations(nodeExporter, {}), 'download:node-exporter', 'download'),
    ).toMatchObject({
      url: 'https://github.com/prometheus/node_exporter/releases/download/v1.8.2/node_exporter-1.8.2.linux-amd64.tar.gz',
      sha256: '6809dd0b3ec45fd6e992c19071d6b5253aed3ead7bf0686885a51d85c6643c66',
      path: '/opt/node_exporter/node_exporter-1.8.2.linux-amd64.tar.gz',
    });
    expect(
      operationById(
        resolveOperations(nodeExporter, {}, { host: { arch: 'aarch64' } }),
        'download:node-exporter',
        'download',
      ),
    ).toMatchObject({
      url: 'https://github.com/prometheus/node_exporter/releases/download/v1.8.2/node_exporter-1.8.2.linux-arm64.tar.gz',
      sha256: KNOWN_RELEASES['1.8.2'].arm64,
    });
  });

  it('fetches from a mirror laid out like the releases, with the sha256 given for it', () => {
    const operations = resolveOperations(nodeExporter, {
      mirror: 'http://10.147.0.1:8080/node_exporter',
      sha256: { amd64: FAKE_SHA },
    });
    expect(operationById(operations, 'download:node-exporter', 'download')).toMatchObject({
      url: 'http://10.147.0.1:8080/node_exporter/v1.8.2/node_exporter-1.8.2.linux-amd64.tar.gz',
      sha256: FAKE_SHA,
    });
  });

  it('unpacks only the binary, once per version, and links it onto PATH', () => {
    const operations = resolveOperations(nodeExporter, {});
    expect(operationById(operations, 'shell:extract-node-exporter', 'shell')).toMatchObject({
      command:
        'tar -xzf /opt/node_exporter/node_exporter-1.8.2.linux-amd64.tar.gz -C /opt/node_exporter node_exporter-1.8.2.linux-amd64/node_exporter',
      creates: '/opt/node_exporter/node_exporter-1.8.2.linux-amd64/node_exporter',
      after: ['download:node-exporter'],
    });
    expect(operationById(operations, 'link:node-exporter', 'link')).toMatchObject({
      path: '/usr/local/bin/node_exporter',
      target: '/opt/node_exporter/node_exporter-1.8.2.linux-amd64/node_exporter',
    });
  });

  it('runs as a system user without a login shell', () => {
    expect(operationById(resolveOperations(nodeExporter, {}), 'user:node_exporter', 'user')).toMatchObject({
      system: true,
      group: 'node_exporter',
      shell: '/usr/sbin/nologin',
    });
  });

  it('writes the unit with the listen address and collector flags, and restarts when the unit or the binary link changed', () => {
    const operations = resolveOperations(nodeExporter, {
      listen_address: '127.0.0.1:9200',
      collectors_enabled: ['systemd'],
      collectors_disabled: ['wifi'],
    });
    const unit = operationById(operations, 'file:node-exporter-unit', 'file');
    expect(unit.path).toBe(UNIT_PATH);
    expect(unit.content).toContain(
      '\nExecStart=/usr/local/bin/node_exporter --web.listen-address=127.0.0.1:9200 --collector.systemd --no-collector.wifi\n',
    );
    expect(unit.content).toContain('\nUser=node_exporter\n');
    expect(operationById(operations, 'service:node_exporter', 'service')).toMatchObject({
      enabled: true,
      state: 'started',
      restartOn: ['link:node-exporter', 'file:node-exporter-unit'],
    });
  });
});

describe('node-exporter remove', () => {
  it('stops and disables the service and drops its unit in one guarded step, then removes files, user and group', () => {
    const operations = resolveOperations(nodeExporter, {}, { action: 'remove' });
    expect(operations.map((operation) => operation.id)).toEqual([
      'shell:stop-node-exporter',
      'link:node-exporter',
      'directory:node-exporter',
      'user:node_exporter',
      'group:node_exporter',
    ]);
    expect(operationById(operations, 'shell:stop-node-exporter', 'shell')).toMatchObject({
      command: `systemctl disable --now node_exporter.service && rm -f ${UNIT_PATH} && systemctl daemon-reload`,
      onlyIf: `test -f ${UNIT_PATH}`,
    });
  });
});

describe('node-exporter params', () => {
  it.each([
    ['version', { version: 'v1.8.2' }],
    ['mirror', { mirror: 'http://mirror.example.com/' }],
    ['sha256.amd64', { sha256: { amd64: 'ABC' } }],
    ['listen_address', { listen_address: '9100' }],
    ['collectors_enabled.0', { collectors_enabled: ['Sys Temd'] }],
  ])('rejects a bad %s and names it', (field, params) => {
    expect(() => resolveOperations(nodeExporter, params)).toThrow(TaskservParamsError);
    expect(() => resolveOperations(nodeExporter, params)).toThrow(
      new RegExp(`${field.replace(/\./g, '\\.')}: `),
    );
  });

  it('asks for sha256.<arch> when the version is not a known release', () => {
    expect(() => resolveOperations(nodeExporter, { version: '1.9.1' })).toThrow(
      /sha256\.amd64: node_exporter 1\.9\.1 is not among the known releases/,
    );
    expect(
      resolveOperations(nodeExporter, { version: '1.9.1', sha256: { amd64: FAKE_SHA } }).length,
    ).toBeGreaterThan(0);
  });

  it('refuses a host architecture there is no release for', () => {
    expect(() => resolveOperations(nodeExporter, {}, { host: { arch: 'riscv64' } })).toThrow(
      /released for amd64 and arm64; this host is riscv64/,
    );
  });
});

describe('node-exporter: changing one param changes exactly the expected operations', () => {
  it.each([
    ['listen_address', { listen_address: ':9110' }, ['file:node-exporter-unit']],
    ['collectors_disabled', { collectors_disabled: ['wifi'] }, ['file:node-exporter-unit']],
    ['mirror', { mirror: 'http://10.147.0.1:8080/node_exporter' }, ['download:node-exporter']],
    [
      'version',
      { version: '1.9.1', sha256: { amd64: FAKE_SHA } },
      ['download:node-exporter', 'link:node-exporter', 'shell:extract-node-exporter'],
    ],
  ])('%s', (_param, change, expected) => {
    expect(
      changedOperationIds(resolveOperations(nodeExporter, {}), resolveOperations(nodeExporter, change)),
    ).toEqual(expected);
  });
});

describe('node-exporter operation references', () => {
  it.each([{}, { collectors_enabled: ['systemd'] }])(
    'every after and restartOn names an earlier operation, install and remove (%j)',
    (params) => {
      for (const action of ['install', 'remove'] as const) {
        expect(danglingReferences(resolveOperations(nodeExporter, params, { ...{}, action }))).toEqual([]);
      }
    },
  );
});
