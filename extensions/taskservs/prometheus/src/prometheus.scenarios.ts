import type { TaskservScenario } from '@provisioning/sdk';

const NODE_EXPORTER_TARBALL = 'node_exporter/v1.8.2/node_exporter-1.8.2.linux-amd64.tar.gz';
const api = (path: string, script: string) =>
  `python3 -c "import json, urllib.request as u; d = json.load(u.urlopen('http://127.0.0.1:9090${path}')); ${script}"`;
const RULES = `groups:
  - name: node
    rules:
      - record: job:up:sum
        expr: sum by (job) (up)
`;
const common = {
  scrape_interval: '5s',
  evaluation_interval: '5s',
  retention_time: '30d',
  rules: { node: RULES },
};

export const prometheusScenarios: readonly TaskservScenario[] = [
  {
    name: 'prometheus: scrapes the node-exporters the infra places on its servers, then a new scrape interval',
    taskserv: 'prometheus',
    description:
      'Prometheus on host 1 finds node-exporter on hosts 1 and 2 through the infra view and scrapes both; a new scrape interval rewrites the candidate config, which passes promtool and replaces the live one with one reload.',
    hosts: 2,
    companions: [
      {
        taskserv: 'node-exporter',
        hosts: [1, 2],
        params: {
          version: '1.8.2',
          mirror: '${artifacts}/node_exporter',
          sha256: { amd64: `\${sha256:${NODE_EXPORTER_TARBALL}}` },
        },
      },
    ],
    roles: [{ name: 'server', hosts: [1], params: {} }],
    artifacts: [
      {
        path: NODE_EXPORTER_TARBALL,
        build: 'extensions/taskservs/node-exporter/stand-in/build-tarball.sh 1.8.2 amd64',
        description:
          'the node_exporter stand-in packed like the release tarball (node-exporter/stand-in/README.md)',
      },
    ],
    apply: { params: common },
    checks: [
      {
        description: 'Prometheus is ready',
        command: `python3 -c "import urllib.request as u; print(u.urlopen('http://127.0.0.1:9090/-/ready').read().decode())"`,
        expect: 'Prometheus Server is Ready.',
        role: 'server',
      },
      {
        description: "both servers' node-exporters are targets of job node, and up",
        command: api(
          '/api/v1/targets',
          "print(sorted((t['labels']['server'], t['scrapeUrl'].split('/')[2].split(':')[1], t['health']) for t in d['data']['activeTargets'] if t['labels']['job'] == 'node'))",
        ),
        expect: "[('${server:1}', '9100', 'up'), ('${server:2}', '9100', 'up')]",
        role: 'server',
      },
      {
        description: 'the rules file is loaded',
        command: api('/api/v1/rules', "print([r['name'] for g in d['data']['groups'] for r in g['rules']])"),
        expect: "['job:up:sum']",
        role: 'server',
      },
      {
        description: 'the retention flag applies',
        command: api('/api/v1/status/flags', "print(d['data']['storage.tsdb.retention.time'])"),
        expect: '30d',
        role: 'server',
      },
    ],
    change: {
      params: { ...common, scrape_interval: '10s' },
      role: 'server',
      changes: ['file:prometheus-candidate', 'shell:prometheus-check-reload'],
    },
    removed: [
      {
        description: 'the package is removed',
        command: "dpkg-query -W -f='${Status}' prometheus 2>&1 || true",
        expect: 'deinstall',
        role: 'server',
      },
      {
        description: 'nothing answers on :9090',
        command: `python3 -c "import urllib.request as u; u.urlopen('http://127.0.0.1:9090/-/ready')" 2>&1 || true`,
        expect: 'Connection refused',
        role: 'server',
      },
    ],
  },
];
