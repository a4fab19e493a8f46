import type { TaskservScenario } from '@provisioning/sdk';

const TARBALL = 'node_exporter/v1.8.2/node_exporter-1.8.2.linux-amd64.tar.gz';
const metrics = (port: number) =>
  `python3 -c "import urllib.request; print(urllib.request.urlopen('http://127.0.0.1:${port}/metrics').read().decode())"`;
const common = {
  version: '1.8.2',
  mirror: '${artifacts}/node_exporter',
  sha256: { amd64: `\${sha256:${TARBALL}}` },
};

export const nodeExporterScenarios: readonly TaskservScenario[] = [
  {
    name: 'node-exporter: stand-in release from the artifact server, then moved to another port',
    taskserv: 'node-exporter',
    description:
      'Installs through the mirror and sha256 params (the testbed has no internet); changing the listen address rewrites the unit and restarts the service once.',
    hosts: 1,
    artifacts: [
      {
        path: TARBALL,
        build: 'extensions/taskservs/node-exporter/stand-in/build-tarball.sh 1.8.2 amd64',
        description: 'the node_exporter stand-in packed like the release tarball (stand-in/README.md)',
      },
    ],
    apply: { params: { ...common, collectors_enabled: ['systemd'] } },
    checks: [
      {
        description: 'metrics are served on :9100',
        command: metrics(9100),
        expect: 'node_exporter_build_info',
      },
      {
        description: 'the enabled collector is on the command line',
        command: metrics(9100),
        expect: 'collector="systemd"',
      },
      {
        description: 'it runs as node_exporter',
        command: 'ps -o user= -C node_exporter || systemctl show -p User node_exporter',
        expect: 'node_exporter',
      },
      {
        description: 'the binary on PATH is the unpacked release',
        command: 'readlink /usr/local/bin/node_exporter',
        expect: '/opt/node_exporter/node_exporter-1.8.2.linux-amd64/node_exporter',
      },
    ],
    change: {
      params: { ...common, collectors_enabled: ['systemd'], listen_address: ':9110' },
      changes: ['file:node-exporter-unit', 'service:node_exporter'],
    },
    removed: [
      {
        description: 'the unit is gone',
        command: 'test ! -e /etc/systemd/system/node_exporter.service && echo gone',
        expect: 'gone',
      },
      {
        description: 'nothing listens on :9110',
        command: `${metrics(9110)} 2>&1 || true`,
        expect: 'Connection refused',
      },
    ],
  },
];
